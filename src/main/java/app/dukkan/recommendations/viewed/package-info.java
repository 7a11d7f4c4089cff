@NullMarked
package app.dukkan.recommendations.viewed;

import org.jspecify.annotations.NullMarked;
