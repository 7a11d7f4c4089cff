package app.dukkan.platform;

/**
 * Documents made into PDF files (receipts, the automation's documents): well-formed XHTML laid out
 * by openhtmltopdf. Text is drawn in the font bundled with the shop, DejaVu Sans, which has Latin,
 * Greek, Cyrillic, Hebrew and Arabic letters, so a product or customer name in any of them prints;
 * only the letters a document uses are embedded. Templates ask for it by {@link #FONT_FAMILY}.
 */
public interface PdfDocuments {

    /** The CSS font family of the bundled font, regular and bold. */
    String FONT_FAMILY = "Body";

    /**
     * The PDF of a document. A right-to-left one (Arabic) is laid out from the right; in any document
     * Arabic and Hebrew text is joined and ordered as a browser would (ICU's shaping and
     * bidirectional reordering).
     */
    byte[] render(String xhtml, boolean rightToLeft);
}
