package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer.ImportMode;
import app.dukkan.catalog.CatalogTransfer.RowProblem;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.category.CategoryTree;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.product.ProductInputs;
import app.dukkan.catalog.product.ProductStatus;
import app.dukkan.catalog.transfer.ImportFile.Column;
import app.dukkan.catalog.transfer.ImportFile.Row;
import app.dukkan.catalog.transfer.TransferRepository.ExistingProduct;
import app.dukkan.catalog.transfer.TransferRepository.ExistingVariant;
import app.dukkan.platform.Money;
import app.dukkan.platform.Slugs;
import app.dukkan.platform.TextInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Checks an import's rows and works out what they change: first each row on its own (formats,
 * lengths, text), then against the catalog as it is (ownership, categories, SKUs of other
 * products, reserved stock, rows of one product that disagree), then each product as a whole (an
 * active product needs a variant, at most 20 images). The result says, row by row, what would be
 * created, updated or left alone, and what is refused.
 */
@Component
class ImportPlanner {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_VARIANT_NAME = 120;
    static final int MAX_ATTRIBUTES_JSON = 8_192;
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_IMAGES = 20;
    static final int MAX_URL = 2048;
    static final int MAX_ALT = 300;
    private static final Pattern SKU = Pattern.compile(ProductInputs.SKU);
    private static final Pattern STOCK = Pattern.compile("\\d{1,9}");
    private static final Pattern PRICE = Pattern.compile("\\d{1,12}(\\.\\d{1,12})?");
    private static final Pattern PRICE_WITH_COMMA = Pattern.compile("\\d{1,12},\\d{1,4}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final JsonNode NO_ATTRIBUTES = JsonNodeFactory.instance.objectNode();

    /** Who imports: an admin may touch any product, a seller ({@code seller} set) only its own. */
    record Scope(UUID actorId, @Nullable UUID seller) {}

    /**
     * A row's values as read; {@code null} where the file has no such column (the catalog's value
     * stays). {@code sku} is empty for a row of a product without variants.
     */
    record RowInput(
            Row row,
            String slug,
            String name,
            @Nullable String description,
            @Nullable String category,
            @Nullable ProductStatus status,
            @Nullable JsonNode attributes,
            @Nullable List<String> images,
            String sku,
            @Nullable String variantName,
            @Nullable JsonNode variantAttributes,
            @Nullable Long price,
            @Nullable Integer stock,
            Map<Column, Object> productValues) {

        int number() {
            return row.number();
        }

        String lowerSku() {
            return sku.toLowerCase(Locale.ROOT);
        }
    }

    /** The catalog as the rows find it (locked by the caller). */
    record State(
            Map<String, ExistingProduct> productsBySlug,
            Map<UUID, List<ExistingVariant>> variantsByProduct,
            Map<String, UUID> skuOwners,
            Map<UUID, List<String>> mediaUrls,
            CategoryTree categories) {}

    /**
     * A product to insert ({@code existing} null) or update; {@code rowsToWrite} of its rows create
     * or update something (the others are unchanged).
     */
    record ProductChange(
            UUID id,
            @Nullable ExistingProduct existing,
            String slug,
            String name,
            String description,
            JsonNode attributes,
            ProductStatus status,
            UUID sellerId,
            @Nullable UUID categoryId,
            boolean fieldsChanged,
            int existingImages,
            List<String> newImages,
            List<VariantChange> variants,
            int rowsToWrite) {

        boolean created() {
            return existing == null;
        }

        ProductChange withRowsToWrite(int rows) {
            return new ProductChange(
                    id,
                    existing,
                    slug,
                    name,
                    description,
                    attributes,
                    status,
                    sellerId,
                    categoryId,
                    fieldsChanged,
                    existingImages,
                    newImages,
                    variants,
                    rows);
        }

        boolean anyChange() {
            return created()
                    || fieldsChanged
                    || !newImages.isEmpty()
                    || variants.stream().anyMatch(v -> v.created() || v.changed());
        }
    }

    /** A variant to insert ({@code existing} null) or update. */
    record VariantChange(
            UUID id,
            @Nullable ExistingVariant existing,
            String sku,
            String name,
            JsonNode attributes,
            long priceMinor,
            int stock,
            int position,
            boolean changed) {

        boolean created() {
            return existing == null;
        }

        boolean stockChanged() {
            return existing != null && existing.stock() != stock;
        }
    }

    /** What the rows come to. */
    record Plan(
            List<ProductChange> products,
            int created,
            int updated,
            int unchanged,
            int rejectedRows,
            List<RowProblem> problems,
            Set<String> otherSellersSlugs,
            int otherSellersRows) {

        boolean hasProblems() {
            return rejectedRows > 0;
        }

        /** The rows that create or update something: what the import writes. */
        int rowsToWrite() {
            return created + updated;
        }

        int productsCreated() {
            return (int) products.stream().filter(ProductChange::created).count();
        }

        int productsUpdated() {
            return (int)
                    products.stream().filter(p -> !p.created() && p.anyChange()).count();
        }
    }

    private final CatalogProperties properties;
    private final JsonMapper json;
    private final java.time.Clock clock;

    ImportPlanner(CatalogProperties properties, JsonMapper json, java.time.Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------- rows on their own

    /** Reads every row; problems go to {@code problems}, by row number. */
    List<RowInput> read(ImportFile file, Map<Integer, List<RowProblem>> problems, IntConsumer progress) {
        List<RowInput> inputs = new ArrayList<>(file.rows().size());
        int done = 0;
        for (Row row : file.rows()) {
            inputs.add(read(file, row, new RowProblems(row.number(), problems)));
            if (++done % 1000 == 0) {
                progress.accept(done);
            }
        }
        return inputs;
    }

    private RowInput read(ImportFile file, Row row, RowProblems problems) {
        for (Column column : Column.values()) {
            String text = file.cell(row, column);
            TextInput.RefusedCharacter refused = TextInput.refusedCharacter(text);
            if (refused != null) {
                problems.add(column, ImportProblem.of(refused), refused.codePoint());
            }
        }
        Map<Column, Object> productValues = new EnumMap<>(Column.class);
        String slug = file.cell(row, Column.SLUG).strip();
        if (slug.isEmpty()) {
            problems.add(Column.SLUG, ImportProblem.REQUIRED);
        } else if (!Slugs.isValid(slug)) {
            problems.add(Column.SLUG, ImportProblem.SLUG_INVALID);
        }
        String name = file.cell(row, Column.NAME).strip();
        if (name.isEmpty()) {
            problems.add(Column.NAME, ImportProblem.REQUIRED);
        } else if (name.length() > MAX_NAME) {
            problems.add(Column.NAME, ImportProblem.TOO_LONG, MAX_NAME);
        }
        productValues.put(Column.NAME, name);
        String description = null;
        if (file.has(Column.DESCRIPTION)) {
            description = file.cell(row, Column.DESCRIPTION);
            if (description.length() > MAX_DESCRIPTION) {
                problems.add(Column.DESCRIPTION, ImportProblem.TOO_LONG, MAX_DESCRIPTION);
            }
            productValues.put(Column.DESCRIPTION, description);
        }
        String category = null;
        if (file.has(Column.CATEGORY)) {
            category = file.cell(row, Column.CATEGORY).strip();
            productValues.put(Column.CATEGORY, category);
        }
        ProductStatus status = null;
        if (file.has(Column.STATUS)) {
            String code = file.cell(row, Column.STATUS).strip().toLowerCase(Locale.ROOT);
            if (!code.isEmpty()) {
                status = status(code);
                if (status == null) {
                    problems.add(Column.STATUS, ImportProblem.STATUS_INVALID);
                }
            }
            productValues.put(Column.STATUS, code);
        }
        JsonNode attributes = null;
        if (file.has(Column.ATTRIBUTES)) {
            String cell = file.cell(row, Column.ATTRIBUTES);
            attributes = attributes(cell, Column.ATTRIBUTES, problems);
            productValues.put(Column.ATTRIBUTES, attributes != null ? attributes : "bad:" + cell);
        }
        List<String> images = null;
        if (file.has(Column.IMAGES)) {
            images = images(file.cell(row, Column.IMAGES), problems);
            productValues.put(Column.IMAGES, images);
        }

        String sku = file.cell(row, Column.SKU).strip();
        String variantName = null;
        if (file.has(Column.VARIANT_NAME)) {
            variantName = file.cell(row, Column.VARIANT_NAME).strip();
            if (variantName.length() > MAX_VARIANT_NAME) {
                problems.add(Column.VARIANT_NAME, ImportProblem.TOO_LONG, MAX_VARIANT_NAME);
            }
        }
        JsonNode variantAttributes = null;
        String variantAttributesCell = file.cell(row, Column.VARIANT_ATTRIBUTES);
        if (file.has(Column.VARIANT_ATTRIBUTES)) {
            variantAttributes = attributes(variantAttributesCell, Column.VARIANT_ATTRIBUTES, problems);
        }
        String priceCell = file.cell(row, Column.PRICE).strip();
        String stockCell = file.cell(row, Column.STOCK).strip();
        Long price = null;
        Integer stock = null;
        if (sku.isEmpty()) {
            if (!priceCell.isEmpty()
                    || !stockCell.isEmpty()
                    || (variantName != null && !variantName.isEmpty())
                    || !variantAttributesCell.isBlank()) {
                problems.add(Column.SKU, ImportProblem.SKU_REQUIRED);
            }
        } else {
            if (!SKU.matcher(sku).matches()) {
                problems.add(Column.SKU, ImportProblem.SKU_INVALID);
            }
            price = price(priceCell, problems);
            stock = stock(stockCell, problems);
        }
        if (!fits(file, row)) {
            problems.add(Column.SLUG, ImportProblem.CELLS, row.cells().length, file.width());
        }
        return new RowInput(
                row,
                slug,
                name,
                description,
                category,
                status,
                attributes,
                images,
                sku,
                variantName,
                variantAttributes,
                price,
                stock,
                productValues);
    }

    /** As many cells as the header; cells past it are tolerated when empty (some spreadsheets add them). */
    private static boolean fits(ImportFile file, Row row) {
        String[] cells = row.cells();
        if (cells.length < file.width()) {
            return false;
        }
        for (int i = file.width(); i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable ProductStatus status(String code) {
        for (ProductStatus status : ProductStatus.values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        return null;
    }

    private @Nullable JsonNode attributes(String cell, Column column, RowProblems problems) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return NO_ATTRIBUTES;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            problems.add(column, ImportProblem.ATTRIBUTES_NOT_AN_OBJECT);
            return null;
        }
        if (node.size() > MAX_ATTRIBUTES) {
            problems.add(column, ImportProblem.ATTRIBUTES_TOO_MANY, MAX_ATTRIBUTES);
            return null;
        }
        for (String key : node.propertyNames()) {
            if (key.isBlank() || key.length() > 64) {
                problems.add(column, ImportProblem.ATTRIBUTES_KEY_LENGTH);
                return null;
            }
        }
        if (json.writeValueAsString(node).length() > MAX_ATTRIBUTES_JSON) {
            problems.add(column, ImportProblem.ATTRIBUTES_TOO_LONG, MAX_ATTRIBUTES_JSON);
            return null;
        }
        TextInput.RefusedCharacter refused = refusedCharacter(node);
        if (refused != null) {
            problems.add(column, ImportProblem.of(refused), refused.codePoint());
            return null;
        }
        return node;
    }

    /** The text rule for every key and string in parsed JSON (escaped characters included). */
    private static TextInput.@Nullable RefusedCharacter refusedCharacter(JsonNode node) {
        if (node.isString()) {
            return TextInput.refusedCharacter(node.asString());
        }
        if (node.isObject()) {
            for (var entry : node.properties()) {
                TextInput.RefusedCharacter refused = TextInput.refusedCharacter(entry.getKey());
                if (refused == null) {
                    refused = refusedCharacter(entry.getValue());
                }
                if (refused != null) {
                    return refused;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                TextInput.RefusedCharacter refused = refusedCharacter(element);
                if (refused != null) {
                    return refused;
                }
            }
        }
        return null;
    }

    private static List<String> images(String cell, RowProblems problems) {
        Set<String> urls = new LinkedHashSet<>();
        String text = cell.strip();
        if (!text.isEmpty()) {
            for (String url : WHITESPACE.split(text)) {
                if (url.length() > MAX_URL) {
                    problems.add(Column.IMAGES, ImportProblem.IMAGES_URL_TOO_LONG, MAX_URL);
                    return List.of();
                }
                if (!(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/files/"))) {
                    problems.add(Column.IMAGES, ImportProblem.IMAGES_INVALID, CsvCells.cut(url));
                    return List.of();
                }
                urls.add(url);
            }
        }
        if (urls.size() > MAX_IMAGES) {
            problems.add(Column.IMAGES, ImportProblem.TOO_MANY_IMAGES, MAX_IMAGES);
            return List.of();
        }
        return List.copyOf(urls);
    }

    private @Nullable Long price(String cell, RowProblems problems) {
        String currency = properties.currency();
        int digits = Money.fractionDigits(currency);
        if (cell.isEmpty()) {
            problems.add(Column.PRICE, ImportProblem.VARIANT_VALUE_REQUIRED);
            return null;
        }
        if (cell.startsWith("-")) {
            problems.add(Column.PRICE, ImportProblem.PRICE_NEGATIVE);
            return null;
        }
        if (PRICE_WITH_COMMA.matcher(cell).matches()) {
            problems.add(Column.PRICE, ImportProblem.PRICE_COMMA);
            return null;
        }
        if (!PRICE.matcher(cell).matches()) {
            problems.add(Column.PRICE, ImportProblem.PRICE_INVALID, currency);
            return null;
        }
        BigDecimal amount = new BigDecimal(cell);
        if (amount.stripTrailingZeros().scale() > digits) {
            problems.add(Column.PRICE, ImportProblem.PRICE_DECIMALS, digits, currency);
            return null;
        }
        if (amount.compareTo(BigDecimal.valueOf(properties.maxPriceMajor())) > 0) {
            problems.add(Column.PRICE, ImportProblem.PRICE_TOO_HIGH, properties.maxPriceMajor());
            return null;
        }
        return amount.movePointRight(digits).longValueExact();
    }

    private static @Nullable Integer stock(String cell, RowProblems problems) {
        if (cell.isEmpty()) {
            problems.add(Column.STOCK, ImportProblem.VARIANT_VALUE_REQUIRED);
            return null;
        }
        if (!STOCK.matcher(cell).matches() || Integer.parseInt(cell) > ProductInputs.MAX_STOCK) {
            problems.add(Column.STOCK, ImportProblem.STOCK_INVALID, ProductInputs.MAX_STOCK);
            return null;
        }
        return Integer.parseInt(cell);
    }

    // ------------------------------------------------------------------- rows against the catalog

    /**
     * Checks the rows against the catalog and each product as a whole, and works out the changes.
     * In {@link ImportMode#ALL_OR_NOTHING} a plan with problems changes nothing.
     */
    Plan plan(
            List<RowInput> inputs, Map<Integer, List<RowProblem>> problems, State state, Scope scope, ImportMode mode) {
        Map<String, RowInput> firstOfSlug = new HashMap<>();
        Map<String, Integer> firstOfSku = new HashMap<>();
        Set<String> otherSellers = new LinkedHashSet<>();
        int otherSellersRows = 0;
        for (RowInput input : inputs) {
            RowProblems rowProblems = new RowProblems(input.number(), problems);
            if (input.slug().isEmpty() || !Slugs.isValid(input.slug())) {
                continue;
            }
            ExistingProduct existing = state.productsBySlug().get(input.slug());
            if (existing != null
                    && scope.seller() != null
                    && !existing.sellerId().equals(scope.seller())) {
                rowProblems.add(Column.SLUG, ImportProblem.OTHER_SELLER);
                otherSellers.add(input.slug());
                otherSellersRows++;
                continue;
            }
            if (input.category() != null
                    && !input.category().isEmpty()
                    && state.categories().bySlug(input.category()).isEmpty()) {
                rowProblems.add(Column.CATEGORY, ImportProblem.CATEGORY_UNKNOWN, CsvCells.cut(input.category()));
            }
            if (input.status() == ProductStatus.ARCHIVED
                    && (existing == null || existing.status() != ProductStatus.ARCHIVED)) {
                rowProblems.add(Column.STATUS, ImportProblem.STATUS_ARCHIVE);
            }
            if (!input.sku().isEmpty() && SKU.matcher(input.sku()).matches()) {
                Integer earlier = firstOfSku.putIfAbsent(input.lowerSku(), input.number());
                UUID owner = state.skuOwners().get(input.lowerSku());
                if (earlier != null) {
                    rowProblems.add(Column.SKU, ImportProblem.SKU_REPEATED, earlier);
                } else if (owner != null && (existing == null || !owner.equals(existing.id()))) {
                    rowProblems.add(Column.SKU, ImportProblem.SKU_TAKEN);
                } else if (existing != null && input.stock() != null) {
                    ExistingVariant variant = variant(state, existing, input.lowerSku());
                    if (variant != null && input.stock() < variant.reserved()) {
                        rowProblems.add(Column.STOCK, ImportProblem.STOCK_RESERVED, variant.reserved());
                    }
                }
            }
            RowInput first = firstOfSlug.putIfAbsent(input.slug(), input);
            if (first != null) {
                for (Map.Entry<Column, Object> value : input.productValues().entrySet()) {
                    if (!Objects.equals(value.getValue(), first.productValues().get(value.getKey()))) {
                        rowProblems.add(
                                value.getKey(), ImportProblem.DIFFERS, first.number(), CsvCells.cut(input.slug()));
                    }
                }
            }
        }

        // each product as a whole, from its rows without problems
        Map<String, List<RowInput>> accepted = new LinkedHashMap<>();
        for (RowInput input : inputs) {
            if (!problems.containsKey(input.number())) {
                accepted.computeIfAbsent(input.slug(), s -> new ArrayList<>()).add(input);
            }
        }
        List<ProductChange> products = new ArrayList<>();
        Map<Integer, String> outcomes = new HashMap<>();
        for (List<RowInput> rows : accepted.values()) {
            ProductChange change = productChange(rows, state, scope);
            Refusal refusal = refusal(change, state);
            if (refusal != null) {
                rows.forEach(row -> new RowProblems(row.number(), problems)
                        .add(refusal.column(), refusal.problem(), refusal.args()));
                continue;
            }
            boolean productChanged =
                    change.fieldsChanged() || !change.newImages().isEmpty();
            Map<String, VariantChange> variants = new HashMap<>();
            int toWrite = 0;
            change.variants().forEach(v -> variants.put(v.sku().toLowerCase(Locale.ROOT), v));
            for (RowInput row : rows) {
                VariantChange variant = row.sku().isEmpty() ? null : variants.get(row.lowerSku());
                String outcome;
                if (change.created() || (variant != null && variant.created())) {
                    outcome = "created";
                } else if (productChanged || (variant != null && variant.changed())) {
                    outcome = "updated";
                } else {
                    outcome = "unchanged";
                }
                outcomes.put(row.number(), outcome);
                toWrite += outcome.equals("unchanged") ? 0 : 1;
            }
            products.add(change.withRowsToWrite(toWrite));
        }

        List<RowProblem> listed = new ArrayList<>();
        problems.values().forEach(listed::addAll);
        listed.sort(java.util.Comparator.comparingInt(RowProblem::row));
        int rejected = problems.size();
        if (mode == ImportMode.ALL_OR_NOTHING && rejected > 0) {
            return new Plan(List.of(), 0, 0, 0, rejected, listed, otherSellers, otherSellersRows);
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (String outcome : outcomes.values()) {
            switch (outcome) {
                case "created" -> created++;
                case "updated" -> updated++;
                default -> unchanged++;
            }
        }
        return new Plan(products, created, updated, unchanged, rejected, listed, otherSellers, otherSellersRows);
    }

    private static @Nullable ExistingVariant variant(State state, ExistingProduct product, String lowerSku) {
        for (ExistingVariant variant : state.variantsByProduct().getOrDefault(product.id(), List.of())) {
            if (variant.sku().toLowerCase(Locale.ROOT).equals(lowerSku)) {
                return variant;
            }
        }
        return null;
    }

    private ProductChange productChange(List<RowInput> rows, State state, Scope scope) {
        RowInput first = rows.get(0);
        ExistingProduct existing = state.productsBySlug().get(first.slug());
        UUID categoryId;
        if (first.category() == null) {
            categoryId = existing == null ? null : existing.categoryId();
        } else if (first.category().isEmpty()) {
            categoryId = null;
        } else {
            categoryId = state.categories()
                    .bySlug(first.category())
                    .map(Category::id)
                    .orElse(null);
        }
        String description =
                first.description() != null ? first.description() : existing == null ? "" : existing.description();
        JsonNode attributes = first.attributes() != null
                ? first.attributes()
                : existing == null ? NO_ATTRIBUTES : existing.attributes();
        ProductStatus status =
                first.status() != null ? first.status() : existing == null ? ProductStatus.DRAFT : existing.status();
        UUID id = existing == null ? app.dukkan.platform.Ids.newId(clock) : existing.id();
        boolean fieldsChanged = existing != null
                && (!existing.name().equals(first.name())
                        || !existing.description().equals(description)
                        || !existing.attributes().equals(attributes)
                        || existing.status() != status
                        || !Objects.equals(existing.categoryId(), categoryId));

        List<String> current = existing == null ? List.of() : state.mediaUrls().getOrDefault(existing.id(), List.of());
        List<String> newImages = first.images() == null
                ? List.of()
                : first.images().stream().filter(url -> !current.contains(url)).toList();

        List<ExistingVariant> existingVariants =
                existing == null ? List.of() : state.variantsByProduct().getOrDefault(existing.id(), List.of());
        int position = existingVariants.stream()
                        .mapToInt(ExistingVariant::position)
                        .max()
                        .orElse(-1)
                + 1;
        List<VariantChange> variants = new ArrayList<>();
        for (RowInput row : rows) {
            if (row.sku().isEmpty() || row.price() == null || row.stock() == null) {
                continue;
            }
            ExistingVariant variant = existing == null ? null : variant(state, existing, row.lowerSku());
            if (variant == null) {
                variants.add(new VariantChange(
                        app.dukkan.platform.Ids.newId(clock),
                        null,
                        row.sku(),
                        row.variantName() == null ? "" : row.variantName(),
                        row.variantAttributes() == null ? NO_ATTRIBUTES : row.variantAttributes(),
                        row.price(),
                        row.stock(),
                        position++,
                        true));
            } else {
                String name = row.variantName() == null ? variant.name() : row.variantName();
                JsonNode variantAttributes =
                        row.variantAttributes() == null ? variant.attributes() : row.variantAttributes();
                boolean changed = !variant.name().equals(name)
                        || !variant.attributes().equals(variantAttributes)
                        || variant.priceMinor() != row.price()
                        || variant.stock() != row.stock();
                variants.add(new VariantChange(
                        variant.id(),
                        variant,
                        variant.sku(),
                        name,
                        variantAttributes,
                        row.price(),
                        row.stock(),
                        variant.position(),
                        changed));
            }
        }
        return new ProductChange(
                id,
                existing,
                first.slug(),
                first.name(),
                description,
                attributes,
                status,
                existing == null ? scope.actorId() : existing.sellerId(),
                categoryId,
                fieldsChanged,
                current.size(),
                newImages,
                variants,
                0);
    }

    /** Why the product as a whole is refused, and the column its rows are refused in. */
    private record Refusal(Column column, ImportProblem problem, Object... args) {}

    /** Why the product as a whole is refused, or null. */
    private static @Nullable Refusal refusal(ProductChange change, State state) {
        List<ExistingVariant> existing = change.existing() == null
                ? List.of()
                : state.variantsByProduct().getOrDefault(change.id(), List.of());
        if (change.status() == ProductStatus.ACTIVE) {
            boolean anyActive = existing.stream().anyMatch(ExistingVariant::active)
                    || change.variants().stream().anyMatch(VariantChange::created);
            if (!anyActive) {
                return new Refusal(Column.STATUS, ImportProblem.ACTIVE_WITHOUT_VARIANT);
            }
        }
        long variants = existing.size()
                + change.variants().stream().filter(VariantChange::created).count();
        if (variants > ProductInputs.MAX_VARIANTS) {
            return new Refusal(Column.SKU, ImportProblem.TOO_MANY_VARIANTS, ProductInputs.MAX_VARIANTS);
        }
        int images = change.existingImages() + change.newImages().size();
        if (images > MAX_IMAGES) {
            return new Refusal(Column.IMAGES, ImportProblem.TOO_MANY_IMAGES, MAX_IMAGES);
        }
        return null;
    }

    /** Collects one row's problems, one per column. */
    private record RowProblems(int row, Map<Integer, List<RowProblem>> all) {

        void add(Column column, ImportProblem problem, Object... args) {
            List<RowProblem> list = all.computeIfAbsent(row, r -> new ArrayList<>(2));
            for (RowProblem listed : list) {
                if (listed.column().equals(column.header())) {
                    return;
                }
            }
            list.add(problem.at(row, column.header(), args));
        }
    }
}
