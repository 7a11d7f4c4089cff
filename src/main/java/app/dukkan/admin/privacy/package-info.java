/** The console's privacy requests: exports and erasures of a customer by email or phone. */
@NullMarked
package app.dukkan.admin.privacy;

import org.jspecify.annotations.NullMarked;
