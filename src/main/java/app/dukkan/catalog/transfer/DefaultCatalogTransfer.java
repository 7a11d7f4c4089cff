package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.identity.AuthenticatedUser;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

@Service
class DefaultCatalogTransfer implements CatalogTransfer {

    private final CatalogExport export;
    private final ProductImports imports;
    private final VariantBulkEdit bulkEdit;
    private final ImportProperties importLimits;

    DefaultCatalogTransfer(
            CatalogExport export, ProductImports imports, VariantBulkEdit bulkEdit, ImportProperties importLimits) {
        this.export = export;
        this.imports = imports;
        this.bulkEdit = bulkEdit;
        this.importLimits = importLimits;
    }

    @Override
    public void exportCsv(AuthenticatedUser actor, @Nullable String status, boolean bom, OutputStream out)
            throws IOException {
        export.write(actor.isAdmin() ? null : actor.id().value(), status, bom, out);
    }

    @Override
    public void checkExportFilter(@Nullable String status) {
        CatalogExport.status(status);
    }

    @Override
    public ImportView startImport(AuthenticatedUser actor, ImportRequest request) {
        return imports.start(actor, request);
    }

    @Override
    public DataSize maxImportFileSize() {
        return importLimits.maxFileSize();
    }

    @Override
    public ImportView importStatus(AuthenticatedUser actor, UUID id) {
        return imports.view(actor, id);
    }

    @Override
    public List<ImportView> recentImports(AuthenticatedUser actor, int limit) {
        return imports.latest(actor, limit);
    }

    @Override
    public BulkEditResult bulkEdit(AuthenticatedUser actor, List<VariantChange> changes) {
        return bulkEdit.edit(actor, changes);
    }
}
