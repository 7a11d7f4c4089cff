package app.dukkan.admin.catalog;

import app.dukkan.catalog.ProductConsole;
import app.dukkan.catalog.ProductConsole.ProductInput;
import app.dukkan.catalog.ProductConsole.VariantEdit;
import app.dukkan.catalog.ProductConsole.VariantInput;
import app.dukkan.platform.Money;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The product and variant forms as sent: read straight from the request's parameters (repeated
 * attribute rows included, never split at commas), values kept as typed to show them again, and
 * turned into the catalog's inputs when they parse.
 */
final class ProductForms {

    /** Empty attribute rows a form offers beyond the filled ones (more come with JavaScript). */
    static final int EXTRA_ROWS = 3;

    private ProductForms() {}

    /** A key/value row of attributes as typed. */
    record Attribute(String key, String value) {}

    /** The product form as typed. */
    record ProductForm(
            String name,
            String slug,
            String description,
            String category,
            String status,
            List<Attribute> attributes,
            VariantForm variant) {

        static ProductForm empty() {
            return new ProductForm("", "", "", "", "draft", rows(Map.of()), VariantForm.empty());
        }

        static ProductForm of(ProductConsole.Product product) {
            return new ProductForm(
                    product.name(),
                    product.slug(),
                    product.description(),
                    product.category() == null ? "" : product.category(),
                    product.status(),
                    rows(product.attributes()),
                    VariantForm.empty());
        }

        static ProductForm read(HttpServletRequest request) {
            return new ProductForm(
                    text(request, "name"),
                    text(request, "slug"),
                    text(request, "description"),
                    text(request, "category"),
                    text(request, "status"),
                    ProductForms.attributes(request, "attrKey", "attrValue"),
                    VariantForm.read(request, "variant."));
        }

        /** Whether the first variant's part of a new product's form was filled in. */
        boolean hasVariant() {
            return !variant.sku().isBlank()
                    || !variant.price().isBlank()
                    || !variant.stock().isBlank();
        }

        @Nullable
        ProductInput toInput(FormErrors errors) {
            if (name.isBlank()) {
                errors.add("name", "name");
            }
            Map<String, String> map = attributeMap(attributes, "attributes", errors);
            return errors.isEmpty() ? new ProductInput(name, slug, description, category, status, map) : null;
        }
    }

    /** The variant form as typed ({@code active} "true" or empty). */
    record VariantForm(
            String sku,
            String name,
            String price,
            String compareAt,
            String stock,
            boolean active,
            List<Attribute> attributes) {

        static VariantForm empty() {
            return new VariantForm("", "", "", "", "0", true, rows(Map.of()));
        }

        static VariantForm of(ProductConsole.Variant variant) {
            return new VariantForm(
                    variant.sku(),
                    variant.name(),
                    variant.price().amount().toPlainString(),
                    variant.compareAt() == null
                            ? ""
                            : variant.compareAt().amount().toPlainString(),
                    Integer.toString(variant.stock()),
                    variant.active(),
                    rows(variant.attributes()));
        }

        static VariantForm read(HttpServletRequest request, String prefix) {
            return new VariantForm(
                    text(request, prefix + "sku"),
                    text(request, prefix + "name"),
                    text(request, prefix + "price"),
                    text(request, prefix + "compareAt"),
                    text(request, prefix + "stock"),
                    request.getParameter(prefix + "active") != null,
                    ProductForms.attributes(request, prefix + "attrKey", prefix + "attrValue"));
        }

        /** The catalog's input, or null with the errors added (their fields with {@code prefix}). */
        @Nullable
        VariantInput toInput(String currency, String prefix, FormErrors errors) {
            if (sku.isBlank()) {
                errors.add(prefix + "sku", "sku");
            }
            Money parsedPrice = money(price, currency);
            if (parsedPrice == null) {
                errors.add(prefix + "price", "price");
            }
            Money parsedCompareAt = null;
            if (!compareAt.isBlank()) {
                parsedCompareAt = money(compareAt, currency);
                if (parsedCompareAt == null) {
                    errors.add(prefix + "compareAt", "price");
                }
            }
            Integer parsedStock = integer(stock);
            if (parsedStock == null) {
                errors.add(prefix + "stock", "stock");
            }
            Map<String, String> map = attributeMap(attributes, prefix + "attributes", errors);
            if (parsedPrice == null || parsedStock == null || !errors.isEmpty()) {
                return null;
            }
            return new VariantInput(sku.strip(), name.strip(), parsedPrice, parsedCompareAt, parsedStock, active, map);
        }
    }

    /**
     * What the edit form of a variant showed of the values that sales, returns and other operators
     * move meanwhile, sent back in hidden fields: only a value the operator changed is written.
     */
    record ShownVariant(String price, String stock, boolean active) {

        static ShownVariant of(VariantForm form) {
            return new ShownVariant(form.price(), form.stock(), form.active());
        }

        /** As the form sent it back; null from a form without it, whose values all count as typed. */
        static @Nullable ShownVariant read(HttpServletRequest request) {
            String price = request.getParameter("shownPrice");
            String stock = request.getParameter("shownStock");
            String active = request.getParameter("shownActive");
            if (price == null || stock == null || active == null) {
                return null;
            }
            return new ShownVariant(price, stock, "true".equals(active));
        }

        static VariantEdit edit(VariantInput typed, VariantForm form, @Nullable ShownVariant shown) {
            if (shown == null) {
                return new VariantEdit(typed, true, true, true);
            }
            return new VariantEdit(
                    typed,
                    !form.price().strip().equals(shown.price().strip()),
                    !form.stock().strip().equals(shown.stock().strip()),
                    form.active() != shown.active());
        }
    }

    static String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** A price typed in the shop's currency ({@code 12.50}, {@code 12,50}), or null if it is none. */
    static @Nullable Money money(String text, String currency) {
        String typed = text.strip().replace(',', '.');
        if (typed.isEmpty() || typed.length() > 20) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(typed);
            return amount.signum() < 0 ? null : Money.of(amount, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** A stock figure from 0 to the catalog's limit, or null. */
    static @Nullable Integer integer(String text) {
        String typed = text.strip();
        if (!typed.matches("\\d{1,7}")) {
            return null;
        }
        int value = Integer.parseInt(typed);
        return value <= app.dukkan.catalog.ProductConsole.MAX_STOCK ? value : null;
    }

    private static List<Attribute> attributes(HttpServletRequest request, String keys, String values) {
        String[] k = request.getParameterValues(keys);
        String[] v = request.getParameterValues(values);
        List<Attribute> rows = new ArrayList<>();
        int n = Math.min(Math.max(k == null ? 0 : k.length, v == null ? 0 : v.length), 60);
        for (int i = 0; i < n; i++) {
            String key = k != null && i < k.length ? k[i] : "";
            String value = v != null && i < v.length ? v[i] : "";
            if (!key.isBlank() || !value.isBlank()) {
                rows.add(new Attribute(key, value));
            }
        }
        return withExtraRows(rows);
    }

    private static Map<String, String> attributeMap(List<Attribute> rows, String field, FormErrors errors) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Attribute row : rows) {
            if (row.key().isBlank() && row.value().isBlank()) {
                continue;
            }
            String key = row.key().strip();
            if (key.isEmpty()
                    || key.length() > 64
                    || map.containsKey(key)
                    || row.value().length() > 500) {
                errors.add(field, "attributes");
            }
            map.put(key, row.value().strip());
        }
        if (map.size() > 50) {
            errors.add(field, "attributes");
        }
        return map;
    }

    static List<Attribute> rows(Map<String, String> attributes) {
        List<Attribute> rows = new ArrayList<>();
        attributes.forEach((key, value) -> rows.add(new Attribute(key, value)));
        return withExtraRows(rows);
    }

    private static List<Attribute> withExtraRows(List<Attribute> rows) {
        List<Attribute> all = new ArrayList<>(rows);
        for (int i = 0; i < EXTRA_ROWS; i++) {
            all.add(new Attribute("", ""));
        }
        return all;
    }
}
