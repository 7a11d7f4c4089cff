@NullMarked
package app.dukkan.identity.account;

import org.jspecify.annotations.NullMarked;
