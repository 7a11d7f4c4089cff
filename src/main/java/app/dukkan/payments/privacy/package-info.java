/** Payments' part in exports and erasures: what the provider's events say about the person. */
@NullMarked
package app.dukkan.payments.privacy;

import org.jspecify.annotations.NullMarked;
