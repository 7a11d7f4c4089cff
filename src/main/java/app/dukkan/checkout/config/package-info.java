@NullMarked
package app.dukkan.checkout.config;

import org.jspecify.annotations.NullMarked;
