package app.dukkan.admin.catalog;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.catalog.CatalogTransfer.ImportMode;
import app.dukkan.catalog.CatalogTransfer.ImportRequest;
import app.dukkan.catalog.CatalogTransfer.ImportView;
import app.dukkan.catalog.ImportFileRefused;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Uploads;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/**
 * Importing products from CSV: the upload form (mode, dry run) with the latest imports, and an
 * import's page, which follows a running import (htmx polls its progress; without JavaScript the
 * page refreshes itself) and shows the report when it ended, rejected rows included. What is wrong
 * with a refused file or row is worded from its problem code in the page's language.
 */
@Controller
class ImportPages {

    private static final int RECENT = 20;

    private final CatalogTransfer transfer;
    private final CurrentUser currentUser;

    ImportPages(CatalogTransfer transfer, CurrentUser currentUser) {
        this.transfer = transfer;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/products/import")
    String form(Model model) {
        FormErrors errors = new FormErrors();
        // sent back here: the body limit refused the file before it was read
        if (model.containsAttribute(Uploads.REFUSED_AS_TOO_LARGE)) {
            errors.add("file", "file-too-large");
        }
        return form(model, ImportMode.ALL_OR_NOTHING.code(), true, errors);
    }

    @PostMapping("/admin/products/import")
    String upload(
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "all-or-nothing") String mode,
            @RequestParam(defaultValue = "false") boolean dryRun,
            HttpServletResponse response,
            Model model) {
        AuthenticatedUser actor = currentUser.require();
        FormErrors errors = new FormErrors();
        ImportMode parsedMode = null;
        try {
            parsedMode = ImportMode.parse("mode", mode);
        } catch (ProblemException e) {
            errors.add("mode", "invalid");
        }
        // a browser sends no file as an empty part without a name; an empty file is the import's to refuse
        if (file == null || (file.isEmpty() && !StringUtils.hasText(file.getOriginalFilename()))) {
            errors.add("file", "file-missing");
        }
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        if (errors.isEmpty()) {
            try {
                ImportView view = transfer.startImport(
                        actor, new ImportRequest(file.getOriginalFilename(), file.getSize(), file, parsedMode, dryRun));
                return "redirect:/admin/imports/" + view.id();
            } catch (ImportFileRefused e) {
                // what is wrong with the file, each problem worded from its code
                errors.add("file", "file-invalid");
                model.addAttribute("fileProblems", e.problems());
            } catch (ProblemException e) {
                status = refused(e, errors);
            }
        }
        response.setStatus(status.value());
        return form(model, mode, dryRun, errors);
    }

    /**
     * An upload the multipart parser refused (too large, cut off): the form again with the field's
     * error, as the import's own refusal shows it. Its other fields are lost with the body.
     */
    @ExceptionHandler(MultipartException.class)
    String uploadRefused(MultipartException failure, HttpServletResponse response, Model model) {
        FormErrors errors = new FormErrors();
        response.setStatus(refused(Uploads.refusal(failure), errors).value());
        return form(model, ImportMode.ALL_OR_NOTHING.code(), false, errors);
    }

    /** Adds the file's error for a refusal the form words itself and answers its status; others go on. */
    private static HttpStatus refused(ProblemException refusal, FormErrors errors) {
        // the field's error says it all
        switch (refusal.type()) {
            case Uploads.TOO_LARGE -> errors.add("file", "file-too-large");
            case Uploads.UNREADABLE -> errors.add("file", "file-unreadable");
            case "conflict" -> errors.add("file", "file-conflict");
            case "validation" -> {
                // the upload failed while its bytes were read
                if (refusal.errors().stream().noneMatch(error -> error.field().equals("file"))) {
                    throw refusal;
                }
                errors.add("file", "file-unreadable");
            }
            default -> throw refusal;
        }
        return refusal.status();
    }

    @GetMapping("/admin/imports/{id}")
    String status(
            @PathVariable UUID id,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        ImportView view = transfer.importStatus(currentUser.require(), id);
        model.addAttribute("view", view);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.catalog.nav.products", "/admin/products"),
                        Crumb.key("console.catalog.import.title", "/admin/products/import"),
                        Crumb.key("console.catalog.import.one", null)));
        // htmx asks for the progress part alone while the import runs
        return htmx != null ? "admin/import-status :: progress" : "admin/import-status";
    }

    private String form(Model model, String mode, boolean dryRun, FormErrors errors) {
        model.addAttribute("mode", mode);
        model.addAttribute("dryRun", dryRun);
        model.addAttribute("errors", errors);
        model.addAttribute("maxFileSize", Uploads.readable(transfer.maxImportFileSize()));
        model.addAttribute("imports", transfer.recentImports(currentUser.require(), RECENT));
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.catalog.nav.products", "/admin/products"),
                        Crumb.key("console.catalog.import.title", null)));
        return "admin/import";
    }
}
