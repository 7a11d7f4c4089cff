package app.dukkan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whole purchases over signed webhooks (M2), in English and in Arabic: consent, browsing by
 * category, a quantity, the cart, the address field by field, shipping, the payment link paid in a
 * browser with the test provider, the "paid" message with the order's number, its status and a
 * return once it shipped.
 */
class WhatsAppPurchaseTests extends WhatsAppContext {

    private static final Pattern LINK = Pattern.compile("https?://\\S+?(/(?:[a-z]{2}/)?checkout/link/\\S+)");
    private static final Pattern ORDER_NUMBER = Pattern.compile("DK-\\d+");

    private CatalogFixtures catalog;

    @BeforeEach
    void setUp() {
        metaAccepts();
        catalog = new CatalogFixtures(port);
    }

    record Product(String category, String slug, String variant, String name) {}

    private Product product(String price, int stock) {
        String category = catalog.category(CatalogFixtures.unique("Chat "), null);
        String name = CatalogFixtures.unique("Lamp ");
        JsonNode created = catalog.createProduct(
                catalog.admin(),
                CatalogFixtures.product(name, category, List.of(CatalogFixtures.variant(price, stock))));
        return new Product(
                category,
                created.get("slug").asString(),
                created.get("variants").get(0).get("id").asString(),
                name);
    }

    @Test
    void aWholePurchaseInEnglish() {
        purchase("44", "DE", "2", "paid, being prepared", "it has not been shipped yet", "is recorded");
    }

    @Test
    void aWholePurchaseInArabic() {
        purchase("966", "SA", "٢", "مدفوع", "لم يُشحن بعد", "سُجّل");
    }

    private void purchase(
            String countryCode, String country, String two, String paidStatus, String notShipped, String recorded) {
        Product lamp = product("12.50", 5);
        String phone = newPhone(countryCode);
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);

        // browse: the categories (page by page), the category, the product with its picture
        List<String> rows = choiceIds(choose(phone, "browse", 1).get(0));
        for (int page = 1; !rows.contains("cat:" + lamp.category()); page++) {
            assertThat(rows).as("the category is listed on a later page").contains("cats:" + page);
            rows = choiceIds(choose(phone, "cats:" + page, 1).get(0));
        }
        JsonNode products = choose(phone, "cat:" + lamp.category(), 1).get(0);
        assertThat(choiceIds(products)).containsExactly("prod:" + lamp.slug());
        JsonNode offer = choose(phone, "prod:" + lamp.slug(), 1).get(0);
        assertThat(offer.path("interactive")
                        .path("header")
                        .path("image")
                        .path("link")
                        .asString())
                .startsWith("https://img.example.com/");
        assertThat(bodyText(offer)).contains(lamp.name());
        assertThat(choiceIds(offer)).containsExactly("add:" + lamp.variant(), "qty:" + lamp.variant(), "browse");

        // a quantity typed (Arabic-Indic digits in Arabic), then the cart
        choose(phone, "qty:" + lamp.variant(), 1);
        JsonNode added = say(phone, two, 1).get(0);
        assertThat(choiceIds(added)).containsExactly("checkout", "cart", "browse");
        JsonNode cart = choose(phone, "cart", 1).get(0);
        assertThat(choiceIds(cart)).hasSize(3).contains("checkout", "browse");

        // checkout: the address field by field, the email, then shipping when there is a choice
        choose(phone, "checkout", 1);
        giveAddress(phone, country.toLowerCase());
        String email = CatalogFixtures.unique("chat-") + "@example.com";
        JsonNode afterEmail = say(phone, email, 1).get(0);
        String summary;
        if (afterEmail.has("interactive")) {
            List<String> options = choiceIds(afterEmail);
            assertThat(options).allMatch(id -> id.startsWith("ship:"));
            summary = bodyText(choose(phone, options.get(0), 1).get(0));
        } else {
            summary = bodyText(afterEmail);
        }
        Matcher link = LINK.matcher(summary);
        assertThat(link.find()).as(summary).isTrue();

        // paid in a browser through the link; the chat confirms with the order's number
        int before = sentTo(phone).size();
        PageClient browser = new PageClient(port);
        Page review = browser.follow(browser.get(link.group(1))).expectStatus(200);
        Page payment = browser.follow(browser.submit(review, "form.checkout-actions", Map.of()))
                .expectStatus(200);
        browser.follow(browser.submit(
                        payment,
                        "#card-form",
                        Map.of("card_number", "4242 4242 4242 4242", "expiry", "12/40", "cvc", "123")))
                .expectStatus(200);
        JsonNode paid = sentAfter(phone, before);
        Matcher number = ORDER_NUMBER.matcher(bodyText(paid));
        assertThat(number.find()).as(bodyText(paid)).isTrue();
        String order = number.group();

        // the order by phone: status, the list of orders, a return only once it shipped
        assertThat(bodyText(say(phone, "status " + order, 1).get(0)))
                .contains(order)
                .contains(paidStatus);
        assertThat(choiceIds(choose(phone, "orders", 1).get(0))).contains("order:" + order);
        say(phone, "return " + order, 1);
        assertThat(bodyText(say(phone, "too small", 1).get(0))).contains(notShipped);
        catalog.admin()
                .post("/api/v1/admin/orders/" + order + "/fulfil", Map.of())
                .expectStatus(200);
        JsonNode shipped = choose(phone, "order:" + order, 1).get(0);
        assertThat(choiceIds(shipped)).containsExactly("ret:" + order);
        choose(phone, "ret:" + order, 1);
        assertThat(bodyText(say(phone, "too small", 1).get(0))).contains(order).contains(recorded);
        assertThat(jdbc.sql("select phone from orders where number = ?")
                        .param(order)
                        .query(String.class)
                        .single())
                .isEqualTo("+" + phone);

        // a returning customer is recognised by phone: with the conversation gone (purged), the
        // last order of their number offers its address
        jdbc.sql("delete from whatsapp_conversations where phone = ?")
                .param(phone)
                .update();
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        choose(phone, "add:" + lamp.variant(), 1);
        JsonNode known = choose(phone, "checkout", 1).get(0);
        assertThat(choiceIds(known)).containsExactly("addr:last", "addr:new");
        assertThat(bodyText(known))
                .contains("Jane Roe")
                .contains("Main Street 1")
                .contains(email);
        JsonNode next = choose(phone, "addr:last", 1).get(0);
        assertThat(next.has("interactive") ? choiceIds(next).get(0) : bodyText(next))
                .containsAnyOf("ship:", "/checkout/link/");
    }

    @Test
    void aCouponOrAnEmailThatCheckoutRefusesIsAskedAboutNotRepeatedForever() {
        Product lamp = product("9.00", 5);
        String phone = newPhone("44");
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        choose(phone, "add:" + lamp.variant(), 1);
        assertThat(bodyText(say(phone, "coupon NO-SUCH-COUPON", 1).get(0))).contains("noted");

        choose(phone, "checkout", 1);
        giveAddress(phone, "de");
        // an address the chat takes for one and the checkout does not: refused, and asked for again
        List<JsonNode> refused = say(phone, "jane.@example.com", 2);
        assertThat(bodyText(refused.get(0))).contains("does not look right");
        assertThat(bodyText(refused.get(1))).contains("email address");
        // then the unknown coupon is said so and forgotten, and checkout goes on without it
        List<JsonNode> going = say(phone, CatalogFixtures.unique("chat-") + "@example.com", 2);
        assertThat(bodyText(going.get(0))).contains("NO-SUCH-COUPON").contains("going on without it");
        JsonNode next = going.get(1);
        assertThat(next.has("interactive") ? choiceIds(next).get(0) : bodyText(next))
                .containsAnyOf("ship:", "/checkout/link/");
        assertThat(jdbc.sql(
                                "select count(*) from whatsapp_conversations where phone = ? and state -> 'coupon' is not null")
                        .param(phone)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aRefusedCouponIsExplainedInTheCustomersLanguage() {
        Product lamp = product("9.00", 5);
        String phone = newPhone("966");
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        choose(phone, "add:" + lamp.variant(), 1);
        say(phone, "coupon NO-SUCH", 1);

        choose(phone, "checkout", 1);
        giveAddress(phone, "sa");
        String refused = bodyText(
                say(phone, CatalogFixtures.unique("chat-") + "@example.com", 2).get(0));
        // the code as typed is the only Latin text: the checkout's English reason stays out
        assertThat(refused).contains("NO-SUCH").contains("لا نعرف هذا الرمز");
        assertThat(refused.replace("NO-SUCH", "")).doesNotContainPattern("[A-Za-z]");
    }

    @Test
    void variantsWithoutANameAreListedByTheirAttributesOrSku() {
        Map<String, Object> small = new HashMap<>(CatalogFixtures.variant("3.00", 5));
        small.put("attributes", Map.of("size", "S"));
        Map<String, Object> plain = new HashMap<>(CatalogFixtures.variant("3.00", 5));
        JsonNode created = catalog.createProduct(
                catalog.admin(),
                CatalogFixtures.product(
                        CatalogFixtures.unique("Sock "),
                        catalog.category(CatalogFixtures.unique("Socks "), null),
                        List.of(small, plain)));
        String phone = consented("44");

        JsonNode list =
                choose(phone, "prod:" + created.get("slug").asString(), 1).get(0);
        List<String> titles = new ArrayList<>();
        list.path("interactive")
                .path("action")
                .path("sections")
                .forEach(section -> section.path("rows")
                        .forEach(row -> titles.add(row.path("title").asString())));
        assertThat(titles).containsExactly("S", (String) plain.get("sku"));
    }

    @Test
    void manyVariantsAndSubCategoriesArePagedWithMore() {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> variant = new HashMap<>(CatalogFixtures.variant("3.00", 5));
            variant.put("name", "Size " + (36 + i));
            variants.add(variant);
        }
        String parent = catalog.category(CatalogFixtures.unique("Shoes "), null);
        List<String> children = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            children.add(catalog.category(CatalogFixtures.unique("Shoe kind " + i + " "), parent));
        }
        String slug = catalog.createProduct(
                        catalog.admin(), CatalogFixtures.product(CatalogFixtures.unique("Shoe "), parent, variants))
                .get("slug")
                .asString();
        String phone = consented("44");

        List<String> first = choiceIds(choose(phone, "prod:" + slug, 1).get(0));
        assertThat(first).hasSize(10).endsWith("prod:" + slug + ":1");
        List<String> second = choiceIds(choose(phone, "prod:" + slug + ":1", 1).get(0));
        assertThat(second).hasSize(3).allMatch(id -> id.startsWith("var:"));
        JsonNode last = choose(phone, second.get(2), 1).get(0);
        assertThat(bodyText(last)).contains("Size 47");

        List<String> kinds = choiceIds(choose(phone, "cat:" + parent, 1).get(0));
        assertThat(kinds).hasSize(10).startsWith("prods:" + parent + ":0").endsWith("cat:" + parent + ":1");
        List<String> more = choiceIds(choose(phone, "cat:" + parent + ":1", 1).get(0));
        assertThat(more).startsWith("prods:" + parent + ":0").hasSize(3);
        List<String> listed = new ArrayList<>(kinds.subList(1, 9));
        listed.addAll(more.subList(1, 3));
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        children.stream().map(child -> "cat:" + child).toList());
    }

    @Test
    void aChatTriesOnlySoManyCouponCodesAnHour() {
        Product lamp = product("9.00", 5);
        String phone = consented("44");
        choose(phone, "add:" + lamp.variant(), 1);
        say(phone, "coupon GUESS-0", 1);
        choose(phone, "checkout", 1);
        giveAddress(phone, "de");
        List<JsonNode> first = say(phone, CatalogFixtures.unique("guess-") + "@example.com", 2);
        assertThat(bodyText(first.get(0))).contains("GUESS-0").contains("going on without it");
        // as if nine more codes were tried within the hour
        jdbc.sql("""
                        update whatsapp_conversations
                           set state = jsonb_set(state, '{couponTries,count}', '10')
                         where phone = ?""").param(phone).update();

        say(phone, "coupon GUESS-11", 1);
        choose(phone, "checkout", 1);
        List<JsonNode> refused = choose(phone, "addr:last", 2);
        assertThat(bodyText(refused.get(0))).contains("GUESS-11").contains("too many codes");
    }

    @Test
    void aLongCartShowsTheLinesShortOfStockFirstAndKeepsItsSubtotal() {
        String phone = consented("44");
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Product product = product("9.00", 5);
            products.add(product);
            choose(phone, "add:" + product.variant(), 1);
        }
        // the last line sells out: checkout refuses until it is changed
        Product soldOut = products.get(9);
        jdbc.sql("update variants set stock = 0 where id = ?::uuid")
                .param(soldOut.variant())
                .update();

        JsonNode cart = choose(phone, "cart", 1).get(0);
        List<String> ids = choiceIds(cart);
        assertThat(ids).hasSize(10).contains("checkout", "browse");
        assertThat(bodyText(cart)).contains("Subtotal:");
        assertThat(ids.get(0)).startsWith("line:");
        JsonNode line = choose(phone, ids.get(0), 1).get(0);
        assertThat(bodyText(line)).contains(soldOut.name());
    }

    @Test
    void aLongOrdersPaymentSummaryCutsItsLinesNeverItsLink() {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Map<String, Object> variant = new HashMap<>(CatalogFixtures.variant("1.00", 5));
            variant.put("name", "Colour " + i + " " + "x".repeat(100));
            variants.add(variant);
        }
        JsonNode created = catalog.createProduct(
                catalog.admin(),
                CatalogFixtures.product(
                        CatalogFixtures.unique("Lamp ") + " " + "y".repeat(150),
                        catalog.category(CatalogFixtures.unique("Long "), null),
                        variants));
        String phone = newPhone("44");
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        created.get("variants")
                .forEach(variant -> choose(phone, "add:" + variant.get("id").asString(), 1));

        choose(phone, "checkout", 1);
        giveAddress(phone, "de");
        JsonNode afterEmail =
                say(phone, CatalogFixtures.unique("long-") + "@example.com", 1).get(0);
        String summary = afterEmail.has("interactive")
                ? bodyText(choose(phone, choiceIds(afterEmail).get(0), 1).get(0))
                : bodyText(afterEmail);
        assertThat(summary.codePointCount(0, summary.length())).isLessThanOrEqualTo(4096);
        assertThat(LINK.matcher(summary).find()).as(summary).isTrue();
    }

    @Test
    void aWebOrderShippedToAChatCustomersPhoneIsNotTheirsToSee() {
        // someone orders a gift on the web for the chat's customer, with their number in the address
        String phone = newPhone("44");
        Shop shop = new Shop(port);
        Map<String, Object> address = Shop.address("DE");
        address.put("phone", "+" + phone);
        String number = shop.buy(shop.customer(), shop.product("20.00", 5), 1, null, address)
                .get("number")
                .asString();

        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        assertThat(bodyText(say(phone, "status " + number, 1).get(0))).contains("could not find order " + number);
        assertThat(choose(phone, "orders", 1).get(0).toString()).doesNotContain(number);
        say(phone, "return " + number, 1);
        assertThat(bodyText(say(phone, "too small", 1).get(0))).doesNotContain("recorded");
        assertThat(jdbc.sql(
                                "select count(*) from order_returns r join orders o on o.id = r.order_id where o.number = ?")
                        .param(number)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Answers checkout's address questions one by one (each answered by the next question). */
    private void giveAddress(String phone, String country) {
        say(phone, "Jane Roe", 1);
        say(phone, "Main Street 1", 1);
        say(phone, "Springfield", 1);
        say(phone, "12345", 1);
        say(phone, country, 1);
    }

    @Test
    void aTapOnAnOlderMessageStillDoesWhatItShowed() {
        Product lamp = product("9.00", 5);
        String phone = newPhone("44");
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);
        choose(phone, "add:" + lamp.variant(), 1);
        assertThat(bodyText(choose(phone, "checkout", 1).get(0))).contains("full name");

        // instead of a name, the customer taps "add" on the product shown earlier
        JsonNode added = choose(phone, "add:" + lamp.variant(), 1).get(0);
        assertThat(bodyText(added)).contains("Added 1").contains("2 items");
        // and what they type next is a search again, not a name
        assertThat(bodyText(say(phone, "Jane Roe", 1).get(0))).contains("found nothing for");
    }

    @Test
    void unknownProductsAndOrdersAreSaidSo() {
        String phone = newPhone("44");
        say(phone, "hi", 1);
        choose(phone, "consent:yes", 2);

        List<JsonNode> stale = choose(phone, "prod:no-such-product", 2);
        assertThat(bodyText(stale.get(0))).contains("no longer available");
        assertThat(choiceIds(stale.get(1))).contains("browse");
        assertThat(bodyText(say(phone, "status DK-999999999", 1).get(0))).contains("could not find order DK-999999999");
        // typed with Arabic-Indic digits, as an Arabic keyboard writes them
        assertThat(bodyText(say(phone, "حالة DK-٩٩٩٩٩٩٩٩٨", 1).get(0))).contains("DK-999999998");
        assertThat(bodyText(choose(phone, "add:not-a-uuid", 2).get(0))).contains("no longer available");
        assertThat(bodyText(
                        choose(phone, "qty:" + java.util.UUID.randomUUID(), 1).get(0)))
                .contains("How many");
        assertThat(bodyText(say(phone, "3", 1).get(0))).contains("not available any more");
    }

    /** The first message the customer got after the first {@code before} (one they did not write for). */
    private JsonNode sentAfter(String phone, int before) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> sentTo(phone).size() > before);
        return sentTo(phone).get(before);
    }
}
