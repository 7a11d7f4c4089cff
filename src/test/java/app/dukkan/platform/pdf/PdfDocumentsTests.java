package app.dukkan.platform.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DrawnText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfDocumentsTests {

    final OpenHtmlPdfDocuments documents = new OpenHtmlPdfDocuments();

    static String page(String text) {
        return """
                <html><head><style>body { font-family: Body; } b { font-weight: bold; }</style></head>
                <body><p>%s</p><p><b>Total</b></p></body></html>""".formatted(text);
    }

    /** Letters the PDF's built-in fonts lack print, in the bundled font, regular and bold. */
    @Test
    void drawsEveryScriptOfTheBundledFontAndEmbedsIt() throws IOException {
        byte[] pdf = documents.render(page("Łukasz Ψυχή Кружка שלום"), false);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Łukasz Ψυχή Кружка", "Total");
            PDResources resources = document.getPage(0).getResources();
            List<String> fonts = new ArrayList<>();
            for (COSName name : resources.getFontNames()) {
                assertThat(resources.getFont(name).isEmbedded()).isTrue();
                fonts.add(resources.getFont(name).getName());
            }
            assertThat(fonts).anyMatch(font -> font.endsWith("+DejaVuSans"));
            assertThat(fonts).anyMatch(font -> font.endsWith("+DejaVuSans-Bold"));
        }
    }

    /** An Arabic name in a left-to-right document is joined too, not drawn letter by letter backwards. */
    @Test
    void joinsArabicInALeftToRightDocument() throws IOException {
        byte[] pdf = documents.render(page("Mug فنجان قهوة"), false);
        String drawn = DrawnText.of(pdf);
        assertThat(DrawnText.joinedArabicLetters(drawn)).as(drawn).isGreaterThanOrEqualTo(8);
    }

    /** The parsed fonts are shared between documents but never by two at once: no text crosses over. */
    @Test
    void documentsRenderedAtOnceEachKeepTheirOwnText() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> rendered = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String text = "Документ " + i + " مستند";
                rendered.add(threads.submit(() -> {
                    try (PDDocument document = Loader.loadPDF(documents.render(page(text), text.length() % 2 == 0))) {
                        return new PDFTextStripper().getText(document);
                    }
                }));
            }
            for (int i = 0; i < rendered.size(); i++) {
                assertThat(rendered.get(i).get())
                        .contains("Документ " + i + " ")
                        .doesNotContain("Документ " + (i + 1) + " ");
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
