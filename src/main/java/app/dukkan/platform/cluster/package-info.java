@NullMarked
package app.dukkan.platform.cluster;

import org.jspecify.annotations.NullMarked;
