package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.catalog.product.ProductStatus;
import app.dukkan.catalog.transfer.TransferRepository.ExportProduct;
import app.dukkan.catalog.transfer.TransferRepository.ExportVariant;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes products as CSV, one row per variant, a page of products at a time: each page is a short
 * query of its own (no transaction or cursor held while a slow client reads), and the rows go out
 * as they are written.
 */
@Component
class CatalogExport {

    static final int PAGE = 500;

    private final TransferRepository repository;

    CatalogExport(TransferRepository repository) {
        this.repository = repository;
    }

    /** The status filter's code, checked; null for every status. */
    static @Nullable String status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        for (ProductStatus value : ProductStatus.values()) {
            if (value.code().equals(status.strip())) {
                return value.code();
            }
        }
        throw ProblemException.invalid("status", "must be one of draft, active, archived");
    }

    void write(@Nullable UUID seller, @Nullable String status, boolean bom, OutputStream out) throws IOException {
        String filter = status(status);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (bom) {
            writer.write('\uFEFF');
        }
        CSVPrinter printer = new CSVPrinter(writer, CsvCells.WRITE);
        printer.printRecord(CatalogTransfer.COLUMNS);
        UUID after = null;
        for (List<ExportProduct> page = repository.exportPage(seller, filter, null, PAGE);
                !page.isEmpty();
                page = repository.exportPage(seller, filter, after, PAGE)) {
            List<UUID> ids = page.stream().map(ExportProduct::id).toList();
            Map<UUID, List<ExportVariant>> variants = repository.exportVariants(ids);
            Map<UUID, List<String>> media = repository.mediaUrls(ids);
            for (ExportProduct product : page) {
                String images = String.join(" ", media.getOrDefault(product.id(), List.of()));
                List<ExportVariant> ofProduct = variants.getOrDefault(product.id(), List.of());
                if (ofProduct.isEmpty()) {
                    print(printer, product, images, null);
                }
                for (ExportVariant variant : ofProduct) {
                    print(printer, product, images, variant);
                }
            }
            after = ids.get(ids.size() - 1);
            printer.flush();
        }
        printer.flush();
    }

    private static void print(CSVPrinter printer, ExportProduct product, String images, @Nullable ExportVariant variant)
            throws IOException {
        List<String> cells = new ArrayList<>(CatalogTransfer.COLUMNS.size());
        cells.add(product.slug());
        cells.add(product.name());
        cells.add(product.description());
        cells.add(product.category() == null ? "" : product.category());
        cells.add(product.status());
        cells.add(product.attributes());
        cells.add(variant == null ? "" : variant.sku());
        cells.add(variant == null ? "" : variant.name());
        cells.add(variant == null ? "" : variant.attributes());
        cells.add(
                variant == null
                        ? ""
                        : BigDecimal.valueOf(variant.priceMinor(), Money.fractionDigits(variant.currency()))
                                .toPlainString());
        cells.add(variant == null ? "" : Integer.toString(variant.stock()));
        cells.add(images);
        printer.printRecord(cells.stream().map(CsvCells::neutralise).toList());
    }
}
