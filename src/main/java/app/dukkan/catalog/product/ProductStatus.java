package app.dukkan.catalog.product;

import java.util.Locale;

/** Only active products are visible to shoppers. */
public enum ProductStatus {
    DRAFT,
    ACTIVE,
    ARCHIVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProductStatus parse(String field, String code) {
        for (ProductStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw app.dukkan.platform.ProblemException.invalid(field, "must be one of draft, active, archived");
    }
}
