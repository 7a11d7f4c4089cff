/** The WhatsApp channel's part in exports and erasures. */
@NullMarked
package app.dukkan.whatsapp.privacy;

import org.jspecify.annotations.NullMarked;
