package app.dukkan.storefront.checkout;

import static app.dukkan.storefront.CartForms.add;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import app.dukkan.testing.Shop.Variant;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The payment page with Stripe configured (its API played by WireMock): Stripe's Payment Element
 * for the intent's client secret, and Stripe's origins in the page's Content-Security-Policy, which
 * still allows no inline script.
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "dukkan.payments.stripe.secret-key=sk_test_wiremock",
            "dukkan.payments.stripe.webhook-secret=whsec_wiremock_page_tests",
            "dukkan.payments.stripe.publishable-key=pk_test_wiremock",
            "dukkan.payments.stripe.max-network-retries=0"
        })
class StripePaymentPageTests {

    private static final WireMockServer STRIPE =
            new WireMockServer(wireMockConfig().dynamicPort());

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripeApi(DynamicPropertyRegistry registry) {
        registry.add("dukkan.payments.stripe.api-base", STRIPE::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** A guest with a mug in the cart through the checkout to Stripe's payment page, for this intent. */
    private Page paymentPage(PageClient shopper, String intent) {
        STRIPE.stubFor(post("/v1/payment_intents").willReturn(okJson("""
                        {"id":"%1$s","object":"payment_intent","amount":1490,"currency":"eur",\
                        "status":"requires_payment_method","client_secret":"%1$s_secret_xyz","metadata":{}}""".formatted(intent))));
        Variant mug = new Shop(port).product("10.00", 5);
        add(shopper, mug.id(), 1);
        Page address = shopper.follow(shopper.get("/checkout"));
        Page shipping = shopper.follow(
                shopper.submit(address, "form.checkout-form", CheckoutPagesTests.address("ada@example.com")));
        Page review = shopper.follow(shopper.submit(shipping, "form.checkout-form", Map.of()));
        return shopper.follow(shopper.submit(review, "form.checkout-actions", Map.of()))
                .expectStatus(200);
    }

    @Test
    void thePaymentPageShowsStripesPaymentElementAndAllowsStripeInItsPolicy() {
        PageClient shopper = new PageClient(port);
        Page payment = paymentPage(shopper, "pi_page_1");

        assertThat(payment.html().select("#card-form")).as("no test card form").isEmpty();
        assertThat(payment.one("#stripe-form input[name=client_secret]").attr("value"))
                .isEqualTo("pi_page_1_secret_xyz");
        assertThat(payment.one("#stripe-form input[name=stripe_key]").attr("value"))
                .isEqualTo("pk_test_wiremock");
        assertThat(payment.one("#stripe-form input[name=return_url]").attr("value"))
                .matches("https?://.+/checkout/result/[0-9a-f-]{36}");
        assertThat(payment.html().select("script[src=https://js.stripe.com/v3/]"))
                .hasSize(1);
        assertThat(payment.html().select("script[src*=checkout-stripe]")).hasSize(1);
        assertThat(payment.html().select("script:not([src])"))
                .as("no inline script")
                .isEmpty();

        String policy = payment.header("Content-Security-Policy");
        assertThat(policy)
                .contains("script-src 'self' https://js.stripe.com https://*.js.stripe.com;")
                .contains("frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com;")
                .contains("connect-src 'self' https://api.stripe.com;")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");

        String token = payment.one("input[name=_csrf]").attr("value");
        assertThat(shopper.post(
                                "/checkout/payment",
                                Map.of("_csrf", token, "draft_id", "x", "card_number", "4242424242424242"))
                        .location())
                .as("Stripe's form sent without JavaScript (it has no draft id) returns to the page")
                .isEqualTo("/checkout/payment");
    }

    /**
     * A payment Stripe reported as needing the bank's step (3-D Secure) brings the shopper back to
     * the payment page, whose script lets Stripe.js take that step: the shop's own bank page is the
     * test provider's, and sending Stripe's shoppers there went round in circles.
     */
    @Test
    void aPaymentThatNeedsTheBanksStepReturnsToStripesPage() {
        PageClient shopper = new PageClient(port);
        Page payment = paymentPage(shopper, "pi_page_2");
        assertThat(payment.one("#stripe-form").hasAttr("data-next-action")).isFalse();
        String draftId =
                payment.one("#stripe-form input[name=return_url]").attr("value").replaceAll(".*/checkout/result/", "");
        // as Stripe's payment_intent.requires_action event leaves it
        jdbc.sql("update orders set payment_status = 'requires_action' where id = ?::uuid")
                .param(draftId)
                .update();

        Page result = shopper.get("/checkout/result/" + draftId).expectStatus(200);
        assertThat(result.one(".payment-result a.primary").attr("href")).isEqualTo("/checkout/payment");
        Page again = shopper.get("/checkout/payment").expectStatus(200);
        assertThat(again.one("#stripe-form").attr("data-next-action")).isEqualTo("true");
        assertThat(shopper.get("/checkout/payment/authenticate").location()).isEqualTo("/checkout");
        assertThat(shopper.get("/checkout").location()).isEqualTo("/checkout/payment");
    }
}
