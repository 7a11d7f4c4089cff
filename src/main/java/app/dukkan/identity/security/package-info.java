@NullMarked
package app.dukkan.identity.security;

import org.jspecify.annotations.NullMarked;
