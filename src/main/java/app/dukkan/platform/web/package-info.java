@NullMarked
package app.dukkan.platform.web;

import org.jspecify.annotations.NullMarked;
