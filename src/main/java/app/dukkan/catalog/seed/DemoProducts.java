package app.dukkan.catalog.seed;

import java.util.List;
import java.util.Random;

/** Generates believable product names, descriptions, variants and prices per demo category. */
final class DemoProducts {

    /** A leaf category of the demo shop and what sells in it. */
    record Kind(
            String parent,
            String name,
            List<String> nouns,
            List<String> qualities,
            List<String> materials,
            VariantAxis axis,
            int minPrice,
            int maxPrice) {}

    enum VariantAxis {
        SIZE,
        COLOR,
        CAPACITY,
        NONE
    }

    static final List<String> PARENTS =
            List.of("Electronics", "Home & Kitchen", "Fashion", "Sports & Outdoors", "Beauty", "Books & Stationery");

    static final List<Kind> KINDS = List.of(
            new Kind(
                    "Electronics",
                    "Audio",
                    List.of("Headphones", "Earbuds", "Speaker", "Soundbar", "Turntable"),
                    List.of("Wireless", "Noise-Cancelling", "Portable", "Studio", "Bass-Boost"),
                    List.of("Aluminium", "Matte", "Carbon"),
                    VariantAxis.COLOR,
                    19,
                    399),
            new Kind(
                    "Electronics",
                    "Computers",
                    List.of("Laptop Stand", "Mechanical Keyboard", "Mouse", "Monitor", "Webcam"),
                    List.of("Ergonomic", "Compact", "Pro", "Ultra-Slim", "Backlit"),
                    List.of("Aluminium", "Walnut", "Graphite"),
                    VariantAxis.COLOR,
                    15,
                    899),
            new Kind(
                    "Electronics",
                    "Phones & Accessories",
                    List.of("Phone Case", "Charger", "Power Bank", "Cable", "Smartwatch"),
                    List.of("Fast", "Rugged", "Slim", "Magnetic", "Travel"),
                    List.of("Silicone", "Leather", "Nylon"),
                    VariantAxis.CAPACITY,
                    9,
                    349),
            new Kind(
                    "Home & Kitchen",
                    "Kitchen",
                    List.of("Coffee Grinder", "Chef Knife", "Cast Iron Pan", "Teapot", "Cutting Board"),
                    List.of("Artisan", "Professional", "Classic", "Nordic", "Everyday"),
                    List.of("Oak", "Steel", "Ceramic", "Copper"),
                    VariantAxis.SIZE,
                    12,
                    249),
            new Kind(
                    "Home & Kitchen",
                    "Furniture",
                    List.of("Coffee Table", "Bookshelf", "Desk Chair", "Side Table", "Bench"),
                    List.of("Modern", "Rustic", "Mid-Century", "Minimal", "Industrial"),
                    List.of("Oak", "Walnut", "Pine", "Rattan"),
                    VariantAxis.COLOR,
                    49,
                    1200),
            new Kind(
                    "Home & Kitchen",
                    "Decor",
                    List.of("Vase", "Throw Blanket", "Candle", "Wall Clock", "Mirror"),
                    List.of("Handmade", "Cosy", "Scandinavian", "Vintage", "Bohemian"),
                    List.of("Linen", "Glass", "Wool", "Brass"),
                    VariantAxis.COLOR,
                    8,
                    180),
            new Kind(
                    "Fashion",
                    "Men",
                    List.of("Shirt", "Chinos", "Jacket", "Sweater", "Polo"),
                    List.of("Slim-Fit", "Classic", "Relaxed", "Tailored", "Everyday"),
                    List.of("Cotton", "Linen", "Merino", "Denim"),
                    VariantAxis.SIZE,
                    19,
                    249),
            new Kind(
                    "Fashion",
                    "Women",
                    List.of("Dress", "Blouse", "Cardigan", "Skirt", "Trench Coat"),
                    List.of("Flowing", "Tailored", "Summer", "Classic", "Oversized"),
                    List.of("Silk", "Cotton", "Cashmere", "Linen"),
                    VariantAxis.SIZE,
                    19,
                    299),
            new Kind(
                    "Fashion",
                    "Shoes",
                    List.of("Sneakers", "Boots", "Loafers", "Sandals", "Running Shoes"),
                    List.of("Lightweight", "Waterproof", "Classic", "Trail", "Cushioned"),
                    List.of("Leather", "Suede", "Canvas", "Mesh"),
                    VariantAxis.SIZE,
                    29,
                    229),
            new Kind(
                    "Sports & Outdoors",
                    "Camping",
                    List.of("Tent", "Sleeping Bag", "Backpack", "Headlamp", "Camping Stove"),
                    List.of("Ultralight", "Waterproof", "Four-Season", "Compact", "Expedition"),
                    List.of("Ripstop", "Titanium", "Down", "Nylon"),
                    VariantAxis.COLOR,
                    15,
                    599),
            new Kind(
                    "Sports & Outdoors",
                    "Fitness",
                    List.of("Yoga Mat", "Dumbbell Set", "Resistance Bands", "Kettlebell", "Jump Rope"),
                    List.of("Non-Slip", "Adjustable", "Pro", "Home", "Eco"),
                    List.of("Cork", "Rubber", "Steel", "Foam"),
                    VariantAxis.CAPACITY,
                    9,
                    299),
            new Kind(
                    "Sports & Outdoors",
                    "Cycling",
                    List.of("Bike Helmet", "Bike Light", "Cycling Jersey", "Bottle Cage", "Saddle Bag"),
                    List.of("Aero", "Commuter", "Night", "Race", "Touring"),
                    List.of("Carbon", "Aluminium", "Polyester"),
                    VariantAxis.SIZE,
                    9,
                    249),
            new Kind(
                    "Beauty",
                    "Skincare",
                    List.of("Face Serum", "Moisturiser", "Cleanser", "Sunscreen", "Eye Cream"),
                    List.of("Hydrating", "Gentle", "Brightening", "Organic", "Daily"),
                    List.of("Aloe", "Argan", "Rosehip", "Vitamin C"),
                    VariantAxis.CAPACITY,
                    7,
                    89),
            new Kind(
                    "Beauty",
                    "Fragrance",
                    List.of("Eau de Parfum", "Body Mist", "Scented Oil", "Cologne", "Solid Perfume"),
                    List.of("Citrus", "Woody", "Floral", "Amber", "Fresh"),
                    List.of("Oud", "Vanilla", "Jasmine", "Cedar"),
                    VariantAxis.CAPACITY,
                    12,
                    160),
            new Kind(
                    "Books & Stationery",
                    "Notebooks",
                    List.of("Notebook", "Planner", "Sketchbook", "Journal", "Notepad"),
                    List.of("Dotted", "Lined", "Hardcover", "Pocket", "Weekly"),
                    List.of("Recycled Paper", "Leather", "Linen"),
                    VariantAxis.NONE,
                    4,
                    45),
            new Kind(
                    "Books & Stationery",
                    "Pens",
                    List.of("Fountain Pen", "Gel Pen Set", "Pencil Set", "Marker Set", "Ballpoint Pen"),
                    List.of("Fine", "Smooth", "Calligraphy", "Everyday", "Premium"),
                    List.of("Brass", "Resin", "Bamboo"),
                    VariantAxis.COLOR,
                    3,
                    180));

    private static final List<String> BRANDS = List.of(
            "Aurora",
            "Nordlys",
            "Kestrel",
            "Atlas",
            "Juniper",
            "Meridian",
            "Halcyon",
            "Sable",
            "Tamarind",
            "Zephyr",
            "Lumen",
            "Basalt",
            "Cedar & Co",
            "Olive Lane",
            "Marrakech");
    private static final List<String> COLORS =
            List.of("Black", "White", "Navy", "Forest Green", "Sand", "Burgundy", "Slate Grey");
    private static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL");
    private static final List<String> CAPACITIES = List.of("Small", "Medium", "Large", "XL", "Family Pack");

    private DemoProducts() {}

    static String name(Kind kind, Random random) {
        return pick(BRANDS, random) + " " + pick(kind.qualities(), random) + " " + pick(kind.materials(), random) + " "
                + pick(kind.nouns(), random);
    }

    static String description(Kind kind, String name, Random random) {
        String material = pick(kind.materials(), random).toLowerCase();
        return String.join(
                " ",
                "The " + name + " is made for people who care about the details.",
                pick(
                        List.of(
                                "Crafted from durable " + material + ",",
                                "Made with responsibly sourced " + material + ",",
                                "Finished in premium " + material + ","),
                        random),
                pick(
                        List.of(
                                "it is built to last for years of daily use.",
                                "it looks as good as it performs.",
                                "it balances comfort and durability."),
                        random),
                pick(
                        List.of(
                                "Backed by a two-year warranty.",
                                "Ships in plastic-free packaging.",
                                "Designed in small batches by independent makers.",
                                "Easy to clean and maintain."),
                        random),
                "Part of our " + kind.name().toLowerCase() + " collection.");
    }

    /** Variant labels for the product: one to five of the category's axis. */
    static List<String> variantLabels(Kind kind, Random random) {
        List<String> axis = switch (kind.axis()) {
            case SIZE -> SIZES;
            case COLOR -> COLORS;
            case CAPACITY -> CAPACITIES;
            case NONE -> List.of("Standard");
        };
        int count = kind.axis() == VariantAxis.NONE ? 1 : 1 + random.nextInt(Math.min(5, axis.size()));
        int start = random.nextInt(axis.size() - count + 1);
        return axis.subList(start, start + count);
    }

    static String axisName(Kind kind) {
        return switch (kind.axis()) {
            case SIZE -> "size";
            case COLOR -> "color";
            case CAPACITY -> "capacity";
            case NONE -> "edition";
        };
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
