@NullMarked
package app.dukkan.platform.storage;

import org.jspecify.annotations.NullMarked;
