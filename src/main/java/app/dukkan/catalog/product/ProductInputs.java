package app.dukkan.catalog.product;

import app.dukkan.platform.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies of the catalog write API. Absent fields of an update stay as they are. The SKU
 * pattern and the stock limit hold for the CSV import too.
 */
public final class ProductInputs {

    public static final String SKU = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
    public static final int MAX_STOCK = 1_000_000;

    /** Variants of one product: a buy box, a chat list and a console page stay usable. */
    public static final int MAX_VARIANTS = 100;

    private ProductInputs() {}

    record CreateProduct(
            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 120) String slug,
            @Nullable @Size(max = 20000) String description,
            @Nullable @Size(max = 120) String category,
            @Nullable @Size(max = 50) Map<String, Object> attributes,
            @Nullable String status,
            @Nullable UUID sellerId,
            @Nullable Boolean featured,
            @Nullable @Size(max = MAX_VARIANTS) List<@Valid @NotNull NewVariant> variants,
            @Nullable @Size(max = 20) List<@Valid @NotNull NewMedia> media) {}

    /** A name an update may leave out, but not blank out. */
    public static final String NOT_BLANK = "(?s).*\\S.*";

    record UpdateProduct(
            @Nullable @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            String name,

            @Nullable @Size(max = 120) String slug,
            @Nullable @Size(max = 20000) String description,
            @Nullable @Size(max = 120) String category,
            @Nullable @Size(max = 50) Map<String, Object> attributes,
            @Nullable String status,
            @Nullable Boolean featured) {}

    record NewVariant(
            @NotBlank @Pattern(regexp = SKU, message = "use 1 to 64 letters, digits, '.', '_' or '-'")
            String sku,

            @Nullable @Size(max = 120) String name,
            @Nullable @Size(max = 50) Map<String, Object> attributes,
            @NotNull Money price,
            @NotNull @Min(0) @Max(MAX_STOCK) Integer stock) {}

    record UpdateVariant(
            @Nullable @Size(max = 120) String name,
            @Nullable @Size(max = 50) Map<String, Object> attributes,
            @Nullable Money price,
            @Nullable @Min(0) @Max(MAX_STOCK) Integer stock,
            @Nullable Boolean active) {}

    record NewMedia(
            @NotBlank @Size(max = 2048) String url,
            @Nullable @Size(max = 300) String alt,
            @Nullable @Min(1) @Max(20000) Integer width,
            @Nullable @Min(1) @Max(20000) Integer height) {}
}
