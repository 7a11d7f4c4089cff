/** PDF rendering ({@link app.dukkan.platform.PdfDocuments}) with the bundled font. */
@NullMarked
package app.dukkan.platform.pdf;

import org.jspecify.annotations.NullMarked;
