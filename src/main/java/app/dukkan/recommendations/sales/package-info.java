@NullMarked
package app.dukkan.recommendations.sales;

import org.jspecify.annotations.NullMarked;
