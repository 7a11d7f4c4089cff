package app.dukkan.automation.connector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code pdf} connector's rendering as one batch, run by {@code load/pdf-bench.sh}: N documents
 * (default 10,000), alternating {@code payment_receipt} and {@code visa_approved} across en, de and
 * ar, each written to a file of a scratch directory as the file store would. Prints throughput, the
 * heap in use after a full collection before, at every quarter and after the batch, and the
 * process's peak heap, so that growth over the batch shows. Arguments: documents (default 10000),
 * warm-up documents (default 200).
 */
public final class PdfBench {

    private PdfBench() {}

    public static void main(String[] args) throws IOException {
        // openhtmltopdf reports timings of every document at INFO (the application sets it to WARN too)
        for (String logger : com.openhtmltopdf.util.XRLog.listRegisteredLoggers()) {
            com.openhtmltopdf.util.XRLog.setLevel(logger, java.util.logging.Level.WARNING);
        }
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        PdfRenderer renderer = new PdfRenderer(new app.dukkan.platform.pdf.OpenHtmlPdfDocuments(), "Dukkan");
        Path scratch = Files.createTempDirectory("pdf-bench");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        for (int i = 0; i < warmup; i++) {
            render(renderer, i, scratch);
        }
        long before = usedAfterGc(memory);
        System.out.printf(
                Locale.ROOT,
                "pdf-bench: %d documents after %d warm-up; heap in use before: %.1f MB%n",
                documents,
                warmup,
                mb(before));
        List<String> checkpoints = new ArrayList<>();
        long bytes = 0;
        long start = System.nanoTime();
        long paused = 0;
        for (int i = 0; i < documents; i++) {
            bytes += render(renderer, i, scratch);
            if ((i + 1) % (documents / 4) == 0 && i + 1 < documents) {
                long pause = System.nanoTime();
                checkpoints.add(String.format(Locale.ROOT, "%d: %.1f MB", i + 1, mb(usedAfterGc(memory))));
                paused += System.nanoTime() - pause;
            }
        }
        double seconds = (System.nanoTime() - start - paused) / 1e9;
        long after = usedAfterGc(memory);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        try (var files = Files.list(scratch)) {
            long stored = files.count();
            System.out.printf(
                    Locale.ROOT,
                    "rendered and stored %d PDFs (%d files, %.1f MB, %.1f KB each) in %.1f s: %.0f documents/s, %.2f ms each%n",
                    documents,
                    stored,
                    bytes / 1e6,
                    bytes / 1e3 / documents,
                    seconds,
                    documents / seconds,
                    seconds * 1000 / documents);
        }
        System.out.printf(
                Locale.ROOT,
                "heap in use after full GC: before %.1f MB, %s, after %.1f MB (growth %+.1f MB);"
                        + " peak heap pools %.0f MB; max heap %.0f MB%n",
                mb(before),
                String.join(", ", checkpoints),
                mb(after),
                mb(after - before),
                mb(peak),
                mb(Runtime.getRuntime().maxMemory()));
        try (var files = Files.list(scratch)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(scratch);
    }

    private static int render(PdfRenderer renderer, int i, Path scratch) throws IOException {
        String language = PdfRenderer.LANGUAGES.get(i % 3);
        boolean receipt = i % 2 == 0;
        byte[] pdf = receipt
                ? renderer.pdf("payment_receipt", receipt(i), PdfRenderer.locale(language))
                : renderer.pdf("visa_approved", visa(i), PdfRenderer.locale(language));
        Files.write(scratch.resolve(i + ".pdf"), pdf);
        return pdf.length;
    }

    private static Map<String, Object> receipt(int i) {
        return Map.of(
                "orderNumber",
                "DK-" + (100_000 + i),
                "customerName",
                "Customer " + i,
                "email",
                "customer" + i + "@example.com",
                "paidAt",
                "2026-12-05 10:00 UTC",
                "lines",
                List.of(
                        Map.of("name", "Mug", "quantity", 2, "unitPrice", "12.00 EUR", "total", "24.00 EUR"),
                        Map.of("name", "Tea, 250 g", "quantity", 1, "unitPrice", "8.50 EUR", "total", "8.50 EUR")),
                "subtotal",
                "32.50 EUR",
                "tax",
                "5.19 EUR",
                "total",
                "32.50 EUR",
                "paymentReference",
                "pi_" + i);
    }

    private static Map<String, Object> visa(int i) {
        return Map.of(
                "applicantName", "Applicant " + i,
                "passportNumber", "X" + (1_000_000 + i),
                "applicationNumber", "VA-2026-" + i,
                "visaType", "Business, multiple entry",
                "validFrom", "2026-01-01",
                "validUntil", "2026-12-31",
                "nationality", "DE");
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
