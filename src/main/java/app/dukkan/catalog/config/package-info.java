@NullMarked
package app.dukkan.catalog.config;

import org.jspecify.annotations.NullMarked;
