@NullMarked
package app.dukkan.recommendations.web;

import org.jspecify.annotations.NullMarked;
