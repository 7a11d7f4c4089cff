package app.dukkan.admin.images;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.catalog.ProductImages;
import app.dukkan.catalog.ProductImages.Gallery;
import app.dukkan.catalog.ProductImages.Image;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Uploads;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A product's pictures: thumbnails in their order, upload, alt text, move up or down, delete after a
 * confirmation. Reached from the product's edit page; admins and the product's seller (the catalog
 * refuses, and audits, another seller). A refused upload is shown on the form, its reason in the
 * page's language: also one too large for the multipart parser or, sent back here, for the route's
 * body limit ({@link Uploads#REFUSED_AS_TOO_LARGE}).
 */
@Controller
class ProductImagePages {

    private static final int MAX_ALT = 300;

    private static final String TOO_LARGE = "console.images.error.image-too-large";

    /** Problem types of refused uploads that have a message of their own. */
    private static final Set<String> WORDED = Set.of(
            "not-an-image",
            "unsupported-image-type",
            "image-too-large",
            "image-dimensions",
            "image-too-many-pixels",
            "corrupt-image",
            "empty-file",
            "too-many-images",
            "busy");

    private final ProductImages images;
    private final CurrentUser currentUser;

    ProductImagePages(ProductImages images, CurrentUser currentUser) {
        this.images = images;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/products/{id}/images")
    String list(@PathVariable UUID id, Model model) {
        Map<String, String> errors =
                model.containsAttribute(Uploads.REFUSED_AS_TOO_LARGE) ? Map.of("file", TOO_LARGE) : Map.of();
        return page(images.gallery(currentUser.require(), id), model, errors, null, null);
    }

    /**
     * An upload the multipart parser refused (too large, cut off): the form again with the file's
     * error. The alt text is lost with the body.
     */
    @ExceptionHandler(MultipartException.class)
    String uploadRefused(
            MultipartException failure, HttpServletRequest request, HttpServletResponse response, Model model) {
        ProblemException refusal = Uploads.refusal(failure);
        @SuppressWarnings("unchecked")
        Map<String, String> path =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        response.setStatus(refusal.status().value());
        String error = refusal.type().equals(Uploads.TOO_LARGE) ? TOO_LARGE : "console.images.error.unreadable";
        return page(
                images.gallery(currentUser.require(), UUID.fromString(path.get("id"))),
                model,
                Map.of("file", error),
                null,
                null);
    }

    @PostMapping("/admin/products/{id}/images")
    String upload(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String alt,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (alt != null && alt.strip().length() > MAX_ALT) {
            errors.put("alt", "console.images.error.alt-too-long");
        }
        if (file == null
                || file.isEmpty()
                        && (file.getOriginalFilename() == null
                                || file.getOriginalFilename().isEmpty())) {
            errors.put("file", "console.images.error.file-required");
        }
        if (errors.isEmpty()) {
            try {
                images.upload(currentUser.require(), id, file.getSize(), file, alt);
                redirect.addFlashAttribute("notice", "console.images.uploaded");
                return "redirect:/admin/products/" + id + "/images";
            } catch (ProblemException problem) {
                if (problem.status() == HttpStatus.FORBIDDEN || problem.status() == HttpStatus.NOT_FOUND) {
                    throw problem;
                }
                errors.put(
                        "file", "console.images.error." + (WORDED.contains(problem.type()) ? problem.type() : "other"));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(images.gallery(currentUser.require(), id), model, errors, alt, null);
    }

    @PostMapping("/admin/products/{id}/images/{imageId}/alt")
    String alt(
            @PathVariable UUID id,
            @PathVariable UUID imageId,
            @RequestParam(defaultValue = "") String alt,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (alt.strip().length() > MAX_ALT) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    images.gallery(currentUser.require(), id),
                    model,
                    Map.of("alt-" + imageId, "console.images.error.alt-too-long"),
                    null,
                    Map.of(imageId.toString(), alt));
        }
        images.changeAlt(currentUser.require(), id, imageId, alt);
        redirect.addFlashAttribute("notice", "console.images.alt-saved");
        return "redirect:/admin/products/" + id + "/images";
    }

    @PostMapping("/admin/products/{id}/images/{imageId}/move")
    String move(
            @PathVariable UUID id,
            @PathVariable UUID imageId,
            @RequestParam String direction,
            RedirectAttributes redirect) {
        ProductImages.Move move = switch (direction) {
            case "up" -> ProductImages.Move.UP;
            case "down" -> ProductImages.Move.DOWN;
            default -> throw ProblemException.invalid("direction", "must be up or down");
        };
        images.move(currentUser.require(), id, imageId, move);
        redirect.addFlashAttribute("notice", "console.images.moved");
        return "redirect:/admin/products/" + id + "/images";
    }

    @GetMapping("/admin/products/{id}/images/{imageId}/delete")
    String confirmDelete(@PathVariable UUID id, @PathVariable UUID imageId, Model model) {
        Gallery gallery = images.gallery(currentUser.require(), id);
        Image image = images.image(currentUser.require(), id, imageId);
        model.addAttribute("gallery", gallery);
        model.addAttribute("image", image);
        model.addAttribute("crumbs", crumbs(gallery, true));
        return "admin/product-images-delete";
    }

    @PostMapping("/admin/products/{id}/images/{imageId}/delete")
    String delete(@PathVariable UUID id, @PathVariable UUID imageId, RedirectAttributes redirect) {
        images.delete(currentUser.require(), id, imageId);
        redirect.addFlashAttribute("notice", "console.images.deleted");
        return "redirect:/admin/products/" + id + "/images";
    }

    private String page(
            Gallery gallery,
            Model model,
            Map<String, String> errors,
            @Nullable String alt,
            @Nullable Map<String, String> altInputs) {
        model.addAttribute("gallery", gallery);
        model.addAttribute("errors", errors);
        model.addAttribute("altValue", alt == null ? "" : alt);
        model.addAttribute("altInputs", altInputs == null ? Map.of() : altInputs);
        model.addAttribute("maxFileSize", Uploads.readable(DataSize.ofBytes(images.maxFileSize())));
        model.addAttribute("crumbs", crumbs(gallery, false));
        return "admin/product-images";
    }

    private static List<Crumb> crumbs(Gallery gallery, boolean deleting) {
        String images = "/admin/products/" + gallery.productId() + "/images";
        Crumb products = Crumb.key("console.images.products", "/admin/products");
        Crumb product = Crumb.text(gallery.name(), "/admin/products/" + gallery.productId());
        return deleting
                ? ConsoleCrumbs.of(
                        products,
                        product,
                        Crumb.key("console.images.title", images),
                        Crumb.key("console.images.delete-title", null))
                : ConsoleCrumbs.of(products, product, Crumb.key("console.images.title", null));
    }
}
