package app.dukkan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** What a PDF draws, character by character, before text extraction turns joined forms back into letters. */
public final class DrawnText {

    private DrawnText() {}

    public static String of(byte[] pdf) {
        StringBuilder drawn = new StringBuilder();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    drawn.append(text.getUnicode());
                }
            }.getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drawn.toString();
    }

    /** Arabic letters in their initial, medial or final (joined) forms: U+FE70–U+FEFC. */
    public static long joinedArabicLetters(String drawn) {
        return drawn.chars().filter(c -> c >= 0xFE70 && c <= 0xFEFC).count();
    }
}
