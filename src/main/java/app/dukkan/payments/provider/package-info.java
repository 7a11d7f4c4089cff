/** The payment provider port, its settings and the Stripe adapter. */
@NullMarked
package app.dukkan.payments.provider;

import org.jspecify.annotations.NullMarked;
