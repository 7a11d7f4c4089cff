package app.dukkan.catalog.product;

import app.dukkan.catalog.ProductImages;
import app.dukkan.catalog.ProductImages.Gallery;
import app.dukkan.catalog.ProductImages.Image;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/admin/products/{id}/images")
@PreAuthorize("hasAnyRole('ADMIN', 'SELLER')")
@Tag(name = "Admin: catalog", description = "Product, variant and media management for admins and sellers")
class ProductImagesController {

    record ImageChange(@NotNull @Size(max = 300) String alt) {}

    private final ProductImages images;
    private final CurrentUser currentUser;

    ProductImagesController(ProductImages images, CurrentUser currentUser) {
        this.images = images;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(
            summary = "A product's pictures",
            description = "In their order, uploaded ones with their renditions. Sellers see their own products'"
                    + " (403 for another seller's, and the attempt is audited).")
    Gallery list(@PathVariable UUID id) {
        return images.gallery(currentUser.require(), id);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Upload a picture",
            description = "Multipart form: `file` (JPEG, PNG or WebP, told by its content, not its name or type) and"
                    + " optional `alt` (at most 300 characters). The picture is turned upright as its EXIF"
                    + " orientation says, stripped of all metadata and stored as JPEG renditions 320, 640, 960,"
                    + " 1280 and 1600 pixels wide (never wider than the original; `dukkan.images.*`);"
                    + " the answer lists them with the original's width and height. It becomes the product's last"
                    + " picture and shows in the shop at once. Errors, with nothing stored: 413 `body-too-large`"
                    + " or `image-too-large` above 20 MB; 415 `unsupported-image-type` for GIF, BMP, TIFF, HEIC,"
                    + " AVIF or SVG; 422 `not-an-image`, `corrupt-image`, `image-too-many-pixels` (over 50"
                    + " megapixels, read from the header before decoding), `image-dimensions` (a side over 16,000"
                    + " pixels or longer than 20 times the other); 400 `empty-file`; 409 `too-many-images` (20 per"
                    + " product); 503 `busy` when too many pictures are being processed.")
    Image upload(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String alt) {
        if (file == null) {
            throw ProblemException.invalid("file", "is required: the picture as a multipart part named 'file'");
        }
        return images.upload(currentUser.require(), id, file.getSize(), file, alt);
    }

    @PatchMapping("/{imageId}")
    @Operation(summary = "Change a picture's alt text")
    Image change(@PathVariable UUID id, @PathVariable UUID imageId, @Valid @RequestBody ImageChange change) {
        return images.changeAlt(currentUser.require(), id, imageId, change.alt());
    }

    @PostMapping("/{imageId}/move")
    @Operation(
            summary = "Move a picture",
            description = "`direction` `up` (earlier) or `down` (later); the first picture is the product's main one.")
    Gallery move(@PathVariable UUID id, @PathVariable UUID imageId, @RequestParam String direction) {
        ProductImages.Move move = switch (direction.toLowerCase(Locale.ROOT)) {
            case "up" -> ProductImages.Move.UP;
            case "down" -> ProductImages.Move.DOWN;
            default -> throw ProblemException.invalid("direction", "must be up or down");
        };
        images.move(currentUser.require(), id, imageId, move);
        return images.gallery(currentUser.require(), id);
    }

    @DeleteMapping("/{imageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete a picture",
            description = "Its stored files are removed too, unless another picture was made from the same file.")
    void delete(@PathVariable UUID id, @PathVariable UUID imageId) {
        images.delete(currentUser.require(), id, imageId);
    }
}
