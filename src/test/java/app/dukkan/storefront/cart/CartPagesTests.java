package app.dukkan.storefront.cart;

import static app.dukkan.storefront.CartForms.HTMX;
import static app.dukkan.storefront.CartForms.add;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cart page and drawer over HTTP, as a browser without JavaScript and as htmx use them. */
@DukkanTest
class CartPagesTests {

    @LocalServerPort
    int port;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** The id of the cart's first line, from its quantity form. */
    private static String firstLine(Page cart) {
        String action = cart.html().select("form.cart-quantity").first().attr("action");
        return action.substring("/cart/lines/".length());
    }

    private static String quantity(Page cart) {
        return cart.html()
                .select("form.cart-quantity input[name=quantity]")
                .first()
                .attr("value");
    }

    @Test
    void anEmptyCartShowsItsEmptyStateAndMakesNoCart() {
        PageClient shopper = new PageClient(port);
        Page cart = shopper.get("/cart").expectStatus(200);
        assertThat(cart.one("h1").text()).isEqualTo("Your cart");
        assertThat(cart.one(".cart-empty").text()).contains("Your cart is empty.");
        assertThat(shopper.cookie("DUKKAN_CART")).isNull();
    }

    @Test
    void addingWithoutJavaScriptGoesToTheCartThatNamesWhatWasAdded() {
        Variant mug = shop.product("12.50", 5);
        PageClient shopper = new PageClient(port);

        Page added = add(shopper, mug.id(), 2).expectStatus(302);
        assertThat(added.location()).startsWith("/cart?added=");

        Page cart = shopper.follow(added).expectStatus(200);
        assertThat(cart.one(".notice.success").text()).startsWith("Added to your cart: Thing");
        assertThat(cart.one(".cart-line-total").text()).isEqualTo("€25.00");
        Element input = cart.one("form.cart-quantity input[name=quantity]");
        assertThat(input.attr("value")).isEqualTo("2");
        assertThat(input.attr("max")).isEqualTo("5");
        assertThat(cart.one("label[for=" + input.id() + "]").text()).startsWith("Quantity of Thing");

        Page again = shopper.submit(cart, "form.cart-quantity", Map.of("quantity", "3"));
        assertThat(again.location()).isEqualTo("/cart");
        add(shopper, mug.id(), 1);
        assertThat(quantity(shopper.get("/cart"))).as("adding adds up").isEqualTo("4");
    }

    @Test
    void pricesAreWrittenAsThePagesLanguageWritesThem() {
        Variant lamp = shop.product("1234.50", 5);
        PageClient shopper = new PageClient(port);
        add(shopper, lamp.id(), 1);

        Page german = shopper.get("/de/cart");
        assertThat(german.one("html").attr("lang")).isEqualTo("de");
        assertThat(german.one(".cart-line-total").text()).startsWith("1.234,50").endsWith("€");
        Page arabic = shopper.get("/ar/cart");
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one(".cart-line-total").text()).contains("١٬٢٣٤٫٥٠");
        assertThat(arabic.one("h1").text()).isEqualTo("سلة التسوق");
    }

    @Test
    void moreThanTheStockIsRefusedAndChangesNothing() {
        Variant mug = shop.product("10.00", 3);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 2);

        Page refused = add(shopper, mug.id(), 2).expectStatus(422);
        assertThat(refused.one(".notice.error").text())
                .isEqualTo("You have 2 in your cart already; only 1 more is left in stock.");
        assertThat(quantity(shopper.get("/cart"))).isEqualTo("2");
    }

    @Test
    void addingPastTheLineLimitSaysHowManyTheCartHoldsAlready() {
        Variant mug = shop.product("10.00", 20);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 8);

        Page refused = add(shopper, mug.id(), 5).expectStatus(422);
        assertThat(refused.one(".notice.error").text())
                .isEqualTo("You have 8 in your cart already, and a line holds at most 10: you can add up to 2 more.");
        Map<String, String> token =
                Map.of("X-XSRF-TOKEN", java.util.Objects.requireNonNull(shopper.cookie("XSRF-TOKEN")));
        Page german = shopper.post("/de/cart/items", Map.of("variant_id", mug.id(), "quantity", "5"), token)
                .expectStatus(422);
        assertThat(german.one(".notice.error").text())
                .isEqualTo("Sie haben schon 8 Stück im Warenkorb, und eine Position fasst höchstens 10:"
                        + " Sie können noch bis zu 2 hinzufügen.");
        assertThat(quantity(shopper.get("/cart"))).isEqualTo("8");
    }

    @Test
    void unknownOrNonsenseVariantsAreRefusedWithoutMakingACart() {
        PageClient shopper = new PageClient(port);
        for (String variant : new String[] {"abc", UUID.randomUUID().toString(), "", "' or 1=1 --"}) {
            Page refused = add(shopper, variant, "1", Map.of()).expectStatus(422);
            assertThat(refused.one(".notice.error").text())
                    .as(variant)
                    .isEqualTo("This product is not available. Nothing was added.");
        }
        Variant mug = shop.product("10.00", 3);
        for (String quantity : new String[] {"0", "-1", "11", "1.5", "x", "99999999999"}) {
            Page refused = add(shopper, mug.id(), quantity, Map.of()).expectStatus(422);
            assertThat(refused.one(".notice.error").text()).as(quantity).isEqualTo("Choose a quantity from 1 to 10.");
        }
        assertThat(shopper.cookie("DUKKAN_CART")).isNull();
    }

    @Test
    void aLinesQuantityChangesAndARefusalKeepsWhatWasTypedNextToTheField() {
        Variant mug = shop.product("10.00", 4);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 1);
        Page cart = shopper.get("/cart");
        String line = firstLine(cart);

        Page changed = shopper.submit(cart, "form.cart-quantity", Map.of("quantity", "3"));
        assertThat(changed.location()).isEqualTo("/cart");
        cart = shopper.follow(changed);
        assertThat(quantity(cart)).isEqualTo("3");

        Page tooMany = shopper.submit(cart, "form.cart-quantity", Map.of("quantity", "5"))
                .expectStatus(422);
        Element input = tooMany.one("form.cart-quantity input[name=quantity]");
        assertThat(input.attr("value")).as("what was typed").isEqualTo("5");
        assertThat(input.attr("aria-invalid")).isEqualTo("true");
        assertThat(tooMany.one("#" + input.attr("aria-describedby")).text()).isEqualTo("Only 4 are left in stock.");
        assertThat(input.attr("aria-describedby")).isEqualTo("qty-error-page-" + line);

        Page nonsense = shopper.submit(tooMany, "form.cart-quantity", Map.of("quantity", "lots"))
                .expectStatus(422);
        assertThat(nonsense.one("form.cart-quantity .error").text()).isEqualTo("Choose a quantity from 1 to 10.");
        assertThat(quantity(nonsense)).isEqualTo("lots");
        assertThat(quantity(shopper.get("/cart"))).isEqualTo("3");
    }

    @Test
    void linesOfAnotherCartCannotBeChangedOrRemoved() {
        Variant mug = shop.product("10.00", 4);
        PageClient owner = new PageClient(port);
        add(owner, mug.id(), 2);
        Page ownersCart = owner.get("/cart");
        String line = firstLine(ownersCart);

        PageClient other = new PageClient(port);
        add(other, mug.id(), 1);
        Page othersCart = other.get("/cart");
        String token = othersCart.one("form.cart-quantity input[name=_csrf]").attr("value");
        Page change = other.post("/cart/lines/" + line, Map.of("_csrf", token, "quantity", "1"))
                .expectStatus(422);
        assertThat(change.one(".notice.error").text()).isEqualTo("This product is no longer in your cart.");
        other.post("/cart/lines/" + line + "/remove", Map.of("_csrf", token)).expectStatus(422);
        other.post("/cart/lines/not-a-uuid", Map.of("_csrf", token, "quantity", "1"))
                .expectStatus(404);

        assertThat(quantity(owner.get("/cart"))).isEqualTo("2");
    }

    @Test
    void removingALineLeavesTheRest() {
        Variant mug = shop.product("10.00", 4);
        Variant cup = shop.product("7.00", 4);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 1);
        add(shopper, cup.id(), 1);
        Page cart = shopper.get("/cart");
        assertThat(cart.html().select(".cart-line")).hasSize(2);

        Page removed = shopper.submit(cart, ".cart-line:first-child form[action$=/remove]", Map.of());
        assertThat(removed.location()).isEqualTo("/cart");
        Page after = shopper.follow(removed);
        assertThat(after.html().select(".cart-line")).hasSize(1);
        assertThat(after.one(".cart-line-total").text()).isEqualTo("€7.00");
    }

    @Test
    void htmxAddsIntoTheDrawerAndUpdatesTheCountOutOfBand() {
        Variant mug = shop.product("10.00", 4);
        PageClient shopper = new PageClient(port);

        Page added = add(shopper, mug.id(), "2", HTMX).expectStatus(200);
        assertThat(added.header("HX-Retarget")).isEqualTo("#drawer");
        assertThat(added.body()).doesNotContain("<html");
        assertThat(added.one("aside#cart-drawer").attr("aria-labelledby")).isEqualTo("cart-drawer-title");
        assertThat(added.one("#cart-count").attr("hx-swap-oob")).isEqualTo("true");
        assertThat(added.one("#cart-count").text()).isEqualTo("2");

        Page changed = shopper.submit(added, "#cart-panel-drawer form.cart-quantity", Map.of("quantity", "3"), HTMX)
                .expectStatus(200);
        assertThat(changed.one("#cart-panel-drawer form.cart-quantity").attr("hx-target"))
                .isEqualTo("#cart-panel-drawer");
        assertThat(changed.one("#cart-count").text()).isEqualTo("3");

        Page refused = shopper.submit(changed, "#cart-panel-drawer form.cart-quantity", Map.of("quantity", "9"), HTMX)
                .expectStatus(422);
        assertThat(refused.one("#cart-panel-drawer .error").text()).isEqualTo("Only 4 are left in stock.");

        Page page = shopper.get("/cart", HTMX).expectStatus(200);
        assertThat(page.one("#cart-panel-page").select("form.cart-quantity").attr("hx-target"))
                .isEqualTo("#cart-panel-page");
        assertThat(shopper.get("/cart/drawer", HTMX).one("#cart-drawer")).isNotNull();
        assertThat(shopper.get("/cart/drawer").location()).isEqualTo("/cart");
    }

    @Test
    void aFormWithoutItsCsrfFieldChangesNothing() {
        Variant mug = shop.product("10.00", 4);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 1);
        Page cart = shopper.get("/cart");
        String line = firstLine(cart);

        Page forged =
                shopper.post("/cart/lines/" + line, Map.of("quantity", "3")).expectStatus(403);
        assertThat(forged.one("h1").text()).isEqualTo("This form has expired");
        assertThat(quantity(shopper.get("/cart"))).isEqualTo("1");
    }

    @Test
    void theCartShowsTheCartApisTotalsAndLeadsToCheckout() {
        Variant mug = shop.product("10.00", 4);
        PageClient shopper = new PageClient(port);
        add(shopper, mug.id(), 2);
        Page cart = shopper.get("/cart");
        assertThat(cart.one(".totals").text()).contains("Subtotal €20.00").contains("Total");
        assertThat(cart.one(".cart-actions a.primary").attr("href")).isEqualTo("/checkout");
    }
}
