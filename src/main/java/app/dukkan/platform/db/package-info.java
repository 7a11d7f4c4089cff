@NullMarked
package app.dukkan.platform.db;

import org.jspecify.annotations.NullMarked;
