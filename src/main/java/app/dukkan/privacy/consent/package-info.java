/**
 * The consent log: grants and withdrawals, append-only, the sign-up's consents recorded in its
 * transaction, the customer's and the operators' API.
 */
@NullMarked
package app.dukkan.privacy.consent;

import org.jspecify.annotations.NullMarked;
