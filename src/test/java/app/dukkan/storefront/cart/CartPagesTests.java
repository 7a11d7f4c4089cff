package app.dukkan.storefront.cart;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.storefront.Shopper;
import app.dukkan.storefront.Shopper.Page;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cart page and drawer over HTTP, as a browser without JavaScript and as htmx use them. */
@DukkanTest
class CartPagesTests {

    private static final Pattern LINE = Pattern.compile("/cart/lines/([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    private static String lineId(Page page) {
        Matcher line = LINE.matcher(page.body());
        assertThat(line.find()).as("a line on %s", page).isTrue();
        return line.group(1);
    }

    private static Map<String, String> add(Variant variant, int quantity) {
        return Map.of("variant_id", variant.id(), "quantity", Integer.toString(quantity));
    }

    @Test
    void anEmptyCartShowsItsEmptyStateAndMakesNoCart() {
        Shopper shopper = new Shopper(port);
        Page cart = shopper.get("/cart");
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.body()).contains("Your cart is empty.").contains("<h1>Your cart</h1>");
        assertThat(shopper.cookie("DUKKAN_CART")).isNull();
    }

    @Test
    void addingWithoutJavaScriptGoesToTheCartThatNamesWhatWasAdded() {
        Variant mug = shop.product("12.50", 5);
        Shopper shopper = new Shopper(port);

        Page added = shopper.post("/cart/items", add(mug, 2));
        assertThat(added.status()).isEqualTo(302);
        assertThat(added.location()).startsWith("/cart?added=");

        Page cart = shopper.follow(added);
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.body())
                .contains("Added to your cart")
                .contains("€25.00")
                .contains("€12.50 each");
        assertThat(cart.field("quantity")).isEqualTo("2");
        assertThat(cart.body()).contains("max=\"5\"");

        shopper.post("/cart/items", add(mug, 1));
        assertThat(shopper.get("/cart").field("quantity")).as("adding adds up").isEqualTo("3");
    }

    @Test
    void pricesAreWrittenAsThePagesLanguageWritesThem() {
        Variant lamp = shop.product("1234.50", 5);
        Shopper shopper = new Shopper(port);
        shopper.post("/cart/items", add(lamp, 1));

        assertThat(shopper.get("/de/cart").body()).contains("lang=\"de\"").contains("1.234,50\u00a0€");
        assertThat(shopper.get("/ar/cart").body()).contains("dir=\"rtl\"").contains("١٬٢٣٤٫٥٠");
    }

    @Test
    void moreThanTheStockIsRefusedAndChangesNothing() {
        Variant mug = shop.product("10.00", 3);
        Shopper shopper = new Shopper(port);
        shopper.post("/cart/items", add(mug, 2));

        Page refused = shopper.post("/cart/items", add(mug, 2));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("You have 2 in your cart already; only 1 more is left in stock.");
        assertThat(shopper.get("/cart").field("quantity")).isEqualTo("2");
    }

    @Test
    void unknownOrNonsenseVariantsAreRefusedWithoutMakingACart() {
        Shopper shopper = new Shopper(port);
        for (String variant : new String[] {"abc", UUID.randomUUID().toString(), "", "' or 1=1 --"}) {
            Page refused = shopper.post("/cart/items", Map.of("variant_id", variant, "quantity", "1"));
            assertThat(refused.status()).as(variant).isEqualTo(422);
            assertThat(refused.body()).contains("This product is not available. Nothing was added.");
        }
        Variant mug = shop.product("10.00", 3);
        for (String quantity : new String[] {"0", "-1", "11", "1.5", "x", "99999999999"}) {
            Page refused = shopper.post("/cart/items", Map.of("variant_id", mug.id(), "quantity", quantity));
            assertThat(refused.status()).as(quantity).isEqualTo(422);
            assertThat(refused.body()).contains("Choose a quantity from 1 to 10.");
        }
        assertThat(shopper.cookie("DUKKAN_CART")).isNull();
    }

    @Test
    void aLinesQuantityChangesAndARefusalKeepsWhatWasTyped() {
        Variant mug = shop.product("10.00", 4);
        Shopper shopper = new Shopper(port);
        shopper.post("/cart/items", add(mug, 1));
        String line = lineId(shopper.get("/cart"));

        Page changed = shopper.post("/cart/lines/" + line, Map.of("quantity", "3", "view", "page"));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(changed.location()).isEqualTo("/cart");
        assertThat(shopper.get("/cart").field("quantity")).isEqualTo("3");

        Page tooMany = shopper.post("/cart/lines/" + line, Map.of("quantity", "5", "view", "page"));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body())
                .contains("Only 4 are left in stock.")
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"qty-error-page-" + line + "\"")
                .contains("id=\"qty-error-page-" + line + "\"");
        assertThat(tooMany.field("quantity")).as("what was typed").isEqualTo("5");

        Page nonsense = shopper.post("/cart/lines/" + line, Map.of("quantity", "lots"));
        assertThat(nonsense.status()).isEqualTo(422);
        assertThat(nonsense.body()).contains("Choose a quantity from 1 to 10.");
        assertThat(nonsense.field("quantity")).isEqualTo("lots");
        assertThat(shopper.get("/cart").field("quantity")).isEqualTo("3");
    }

    @Test
    void linesOfAnotherCartCannotBeChangedOrRemoved() {
        Variant mug = shop.product("10.00", 4);
        Shopper owner = new Shopper(port);
        owner.post("/cart/items", add(mug, 2));
        String line = lineId(owner.get("/cart"));

        Shopper other = new Shopper(port);
        other.post("/cart/items", add(mug, 1));
        Page change = other.post("/cart/lines/" + line, Map.of("quantity", "1"));
        assertThat(change.status()).isEqualTo(422);
        assertThat(change.body()).contains("This product is no longer in your cart.");
        Page remove = other.post("/cart/lines/" + line + "/remove", Map.of());
        assertThat(remove.status()).isEqualTo(422);

        assertThat(owner.get("/cart").field("quantity")).isEqualTo("2");
        assertThat(other.post("/cart/lines/not-a-uuid", Map.of("quantity", "1")).status())
                .isEqualTo(404);
    }

    @Test
    void removingALineLeavesTheRest() {
        Variant mug = shop.product("10.00", 4);
        Variant cup = shop.product("7.00", 4);
        Shopper shopper = new Shopper(port);
        shopper.post("/cart/items", add(mug, 1));
        shopper.post("/cart/items", add(cup, 1));
        String first = lineId(shopper.get("/cart"));

        Page removed = shopper.post("/cart/lines/" + first + "/remove", Map.of());
        assertThat(removed.status()).isEqualTo(302);
        Page cart = shopper.follow(removed);
        assertThat(cart.body()).doesNotContain(first).contains("€7.00 each");
    }

    @Test
    void htmxAddsIntoTheDrawerAndUpdatesTheCountOutOfBand() {
        Variant mug = shop.product("10.00", 4);
        Shopper shopper = new Shopper(port);
        shopper.get("/cart");
        shopper.htmx(true);

        Page added = shopper.post("/cart/items", add(mug, 2));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.header("HX-Retarget")).isEqualTo("#drawer");
        assertThat(added.body())
                .doesNotContain("<html")
                .contains("id=\"cart-drawer\"")
                .contains("id=\"cart-drawer-title\"")
                .containsPattern("id=\"cart-count\"[^>]*hx-swap-oob=\"true\"[^>]*>2</span>");

        String line = lineId(added);
        Page changed = shopper.post("/cart/lines/" + line, Map.of("quantity", "3", "view", "page"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body())
                .contains("id=\"cart-panel-page\"")
                .containsPattern("hx-swap-oob=\"true\"[^>]*>3</span>");

        Page refused = shopper.post("/cart/lines/" + line, Map.of("quantity", "9", "view", "drawer"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"cart-drawer\"").contains("Only 4 are left in stock.");

        assertThat(shopper.get("/cart/drawer").body()).contains("id=\"cart-drawer\"");
        shopper.htmx(false);
        assertThat(shopper.get("/cart/drawer").location()).isEqualTo("/cart");
    }

    @Test
    void aFormWithoutItsCsrfFieldChangesNothing() {
        Variant mug = shop.product("10.00", 4);
        Shopper shopper = new Shopper(port);
        shopper.get("/cart");
        Page forged = shopper.postWithoutCsrf("/cart/items", add(mug, 1));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("This form has expired");
        assertThat(shopper.get("/cart").body()).contains("Your cart is empty.");
    }

    @Test
    void theCartUsesTheCartApisTotals() {
        Variant mug = shop.product("10.00", 4);
        Shopper shopper = new Shopper(port);
        shopper.post("/cart/items", add(mug, 2));
        Page cart = shopper.get("/cart");
        assertThat(cart.body()).contains("Subtotal").contains("€20.00").contains("Check out");
        assertThat(cart.body()).contains("href=\"/checkout\"");
    }
}
