package app.dukkan.platform.pdf;

import app.dukkan.platform.PdfDocuments;
import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * openhtmltopdf in fast mode, a fresh builder, document and buffer per document. Parsing the font
 * files took half of a document's time, so parsed faces are kept and reused: a parsed font reads
 * its file as it goes and is not safe for two documents at once, so each rendering borrows a pair
 * of its own from a pool that grows to the number of documents ever rendered at once. The font
 * metrics openhtmltopdf works out are cached across documents too. Public for benchmarks that render
 * without the application.
 */
@Component
public class OpenHtmlPdfDocuments implements PdfDocuments {

    private static final String REGULAR = "fonts/DejaVuSans.ttf";
    private static final String BOLD = "fonts/DejaVuSans-Bold.ttf";

    /** The regular and bold face, parsed. */
    private record Faces(TrueTypeFont regular, TrueTypeFont bold) {}

    private final byte[] regular = read(REGULAR);
    private final byte[] bold = read(BOLD);
    private final Queue<Faces> idle = new ConcurrentLinkedQueue<>();
    private final FSDefaultCacheStore fontMetrics = new FSDefaultCacheStore();

    @Override
    public byte[] render(String xhtml, boolean rightToLeft) {
        Faces faces = idle.poll();
        if (faces == null) {
            faces = new Faces(parse(regular, REGULAR), parse(bold, BOLD));
        }
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(document);
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
            builder.useFont(
                    new Embedded(document, faces.regular()),
                    FONT_FAMILY,
                    400,
                    BaseRendererBuilder.FontStyle.NORMAL,
                    true);
            builder.useFont(
                    new Embedded(document, faces.bold()), FONT_FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
            // right-to-left runs (an Arabic name in an English receipt too) joined and ordered as a
            // browser would; without ICU, openhtmltopdf draws them backwards and unjoined
            builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
            builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
            if (rightToLeft) {
                builder.defaultTextDirection(BaseRendererBuilder.TextDirection.RTL);
            }
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render a PDF document", e);
        } finally {
            idle.offer(faces);
        }
    }

    /** A face embedded (as the subset the document uses) only once the document draws with it. */
    private static final class Embedded extends PDFontSupplier {

        private final PDDocument document;
        private final TrueTypeFont face;
        private @Nullable PDFont font;

        Embedded(PDDocument document, TrueTypeFont face) {
            super(null);
            this.document = document;
            this.face = face;
        }

        @Override
        public PDFont supply() {
            if (font == null) {
                try {
                    font = PDType0Font.load(document, face, true);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not embed the bundled font", e);
                }
            }
            return font;
        }
    }

    private static TrueTypeFont parse(byte[] file, String resource) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the font " + resource, e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = OpenHtmlPdfDocuments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the font " + resource + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the font " + resource, e);
        }
    }
}
