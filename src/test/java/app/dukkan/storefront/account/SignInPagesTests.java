package app.dukkan.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.IdentityEvents;
import app.dukkan.identity.UserId;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sign-up, sign-in and sign-out pages, as a browser without JavaScript uses them. */
@DukkanTest
class SignInPagesTests {

    static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents events;

    @Autowired
    AccountDirectory directory;

    static String uniqueEmail() {
        return "pages-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    String registered() {
        String email = uniqueEmail();
        new ApiClient(port).register(email, PASSWORD);
        return email;
    }

    static Page signIn(PageClient shopper, String email, String password) {
        Page page = shopper.get("/login").expectStatus(200);
        return shopper.submit(page, "form[action$=/login]", Map.of("email", email, "password", password));
    }

    @Test
    void signingUpCreatesTheAccountSignsInAndWelcomes() {
        PageClient shopper = new PageClient(port);
        String email = uniqueEmail();
        Page form = shopper.get("/signup").expectStatus(200);
        assertThat(form.one("#signup-password").attr("autocomplete")).isEqualTo("new-password");
        assertThat(form.one("#signup-password-hint").text()).contains("10 characters");

        Page created = shopper.submit(
                form,
                "form[action$=/signup]",
                Map.of("email", email, "display_name", "Layla", "password", PASSWORD, "accept_privacy_notice", "on"));
        assertThat(created.status()).isEqualTo(303);
        assertThat(created.location()).isEqualTo("/account?welcome");

        Page account = shopper.follow(created).expectStatus(200);
        assertThat(account.one("h1").text()).isEqualTo("Hello, Layla");
        assertThat(account.one("[role=status]").text()).contains("Welcome");
        assertThat(account.html().select("header form[action$=/logout]")).hasSize(1);
        assertThat(events.registered(email)).hasSize(1);
        assertThat(events.verifications(email)).hasSize(1);
    }

    /**
     * An address a mail library reads as another one ({@code a<victim@…>}) is no account of its own;
     * a long one (up to 254 characters) signs up and signs in like any other.
     */
    @Test
    void addressesThatHideAnotherAreRefusedAndLongOnesWork() {
        String victim = uniqueEmail();
        for (String hiding : List.of("a<" + victim + ">", victim + "(hi)", "a," + victim, victim + ".")) {
            PageClient shopper = new PageClient(port);
            Page refused = shopper.submit(
                    shopper.get("/signup"),
                    "form[action$=/signup]",
                    Map.of("email", hiding, "password", PASSWORD, "accept_privacy_notice", "on"));
            assertThat(refused.status()).as(hiding).isEqualTo(422);
            assertThat(refused.one("#signup-email").attr("aria-invalid"))
                    .as(hiding)
                    .isEqualTo("true");
        }
        assertThat(events.registered(victim)).isEmpty();

        String long120 = "l".repeat(100) + "-" + uniqueEmail();
        PageClient shopper = new PageClient(port);
        Page created = shopper.submit(
                shopper.get("/signup"),
                "form[action$=/signup]",
                Map.of("email", long120, "password", PASSWORD, "accept_privacy_notice", "on"));
        assertThat(created.status()).isEqualTo(303);
        assertThat(shopper.follow(created).status()).isEqualTo(200);
        PageClient.signedIn(port, long120, PASSWORD).get("/account").expectStatus(200);
    }

    @Test
    void aWeakPasswordIsRefusedNextToItsFieldKeepingWhatWasTyped() {
        PageClient shopper = new PageClient(port);
        String email = uniqueEmail();
        Page refused = shopper.submit(
                shopper.get("/signup"),
                "form[action$=/signup]",
                Map.of("email", email, "display_name", "Sam", "password", "1234567890", "accept_privacy_notice", "on"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.one("#signup-email").attr("value")).isEqualTo(email);
        assertThat(refused.one("#signup-name").attr("value")).isEqualTo("Sam");
        assertThat(refused.one("#signup-password").attr("value"))
                .as("passwords are never sent back")
                .isEmpty();
        assertThat(refused.one("#signup-password").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#signup-password").attr("aria-describedby")).contains("signup-password-error");
        assertThat(refused.one("#signup-password-error").text()).contains("too easy to guess");

        Page tooShort = shopper.submit(
                shopper.get("/signup"),
                "form[action$=/signup]",
                Map.of("email", email, "password", "short", "accept_privacy_notice", "on"));
        assertThat(tooShort.one("#signup-password-error").text()).isEqualTo("Use at least 10 characters.");
        assertThat(events.registered(email)).isEmpty();
    }

    @Test
    void aTakenEmailIsNamedWithTheWaysToSignIn() {
        String email = registered();
        PageClient shopper = new PageClient(port);
        Page refused = shopper.submit(
                shopper.get("/signup"),
                "form[action$=/signup]",
                Map.of("email", email.toUpperCase(Locale.ROOT), "password", PASSWORD, "accept_privacy_notice", "on"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.one("#signup-email-error").text()).contains("already an account");
        assertThat(refused.html().select("#signup-panel a[href=/account/forgot-password]"))
                .hasSize(1);
    }

    @Test
    void signingUpInGermanMakesAGermanAccountAndAnswersInGerman() {
        PageClient shopper = new PageClient(port);
        String email = uniqueEmail();
        Page form = shopper.get("/de/signup").expectStatus(200);
        assertThat(form.one("h1").text()).isEqualTo("Konto anlegen");

        Page refused = shopper.submit(
                form,
                "form[action$=/signup]",
                Map.of("email", email, "password", "short", "accept_privacy_notice", "on"));
        assertThat(refused.one("#signup-password-error").text()).isEqualTo("Verwenden Sie mindestens 10 Zeichen.");

        Page created = shopper.submit(
                form,
                "form[action$=/signup]",
                Map.of("email", email, "password", PASSWORD, "accept_privacy_notice", "on"));
        assertThat(created.location()).isEqualTo("/de/account?welcome");
        UserId id = events.registered(email).get(0).user();
        assertThat(directory.find(id).orElseThrow().locale()).isEqualTo(Locale.GERMAN);
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartIsWrong() {
        String email = registered();
        PageClient shopper = new PageClient(port);

        Page wrong = signIn(shopper, email, "not the password");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.one("#login-error").text()).isEqualTo("The email address or the password is wrong.");
        assertThat(wrong.one("#login-email").attr("value")).isEqualTo(email);
        Page unknown = signIn(shopper, uniqueEmail(), "not the password");
        assertThat(unknown.one("#login-error").text())
                .isEqualTo(wrong.one("#login-error").text());
        assertThat(shopper.get("/account").location()).startsWith("/login?next=");

        Page blank = signIn(shopper, "", "");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.one("#login-email-error").text()).isEqualTo("Enter your email address.");
        assertThat(blank.one("#login-password-error").text()).isEqualTo("Enter your password.");
    }

    @Test
    void signingInLeadsBackToTheProtectedPageAskedFor() {
        String email = registered();
        PageClient shopper = new PageClient(port);
        Page toLogin = shopper.get("/de/account/points");
        assertThat(toLogin.location()).isEqualTo("/de/login?next=%2Faccount%2Fpoints");

        Page form = shopper.follow(toLogin).expectStatus(200);
        assertThat(form.one("input[name=next]").attr("value")).isEqualTo("/account/points");
        Page signedIn = shopper.submit(form, "form[action$=/login]", Map.of("email", email, "password", PASSWORD));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/de/account/points");
        assertThat(shopper.follow(signedIn).status()).isEqualTo(200);

        // a signed-in shopper who opens the sign-in page goes on at once
        assertThat(shopper.get("/login?next=/account/orders").location()).isEqualTo("/account/orders");
    }

    @Test
    void aNextPointingOffSiteIsIgnored() {
        String email = registered();
        for (String next : new String[] {
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/account",
            "javascript:alert(1)",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example/../..",
            "/\t/evil.example",
            // braces would be read as a redirect's template variables: a 500 after signing in
            "/account{x}",
            "evil.example",
            ""
        }) {
            PageClient shopper = new PageClient(port);
            Page form = shopper.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            assertThat(form.html().select("input[name=next]"))
                    .as("%s is not carried through the form", next)
                    .allMatch(input -> !input.attr("value").equals(next) || next.isEmpty());
            Page signedIn = shopper.post(
                    "/login", Map.of("email", email, "password", PASSWORD, "next", next, "_csrf", csrf(form)));
            assertThat(signedIn.location()).as(next).isEqualTo("/account");
        }
    }

    @Test
    void signingOutEndsTheSession() {
        String email = registered();
        PageClient shopper = new PageClient(port);
        Page account = shopper.follow(signIn(shopper, email, PASSWORD)).expectStatus(200);

        Page out = shopper.submit(account, "header form[action$=/logout]", Map.of());
        assertThat(out.location()).isEqualTo("/");
        assertThat(shopper.get("/account").location()).startsWith("/login");
    }

    @Test
    void aStaleFormIsRefusedAndSignsNobodyIn() {
        String email = registered();
        PageClient shopper = new PageClient(port);
        shopper.get("/login");

        Page refused = shopper.post("/login", Map.of("email", email, "password", PASSWORD, "_csrf", "stale-token"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.one("h1").text()).isEqualTo("This form has expired");
        assertThat(shopper.get("/account").location()).startsWith("/login");
    }

    @Test
    void htmxGetsTheFormAloneAndAFullLoadAfterSigningIn() {
        String email = registered();
        PageClient shopper = new PageClient(port);
        Page page = shopper.get("/login");
        String token = csrf(page);

        Page fragment = shopper.post(
                "/login",
                Map.of("email", email, "password", "wrong password!", "_csrf", token),
                Map.of("HX-Request", "true"));
        assertThat(fragment.status()).isEqualTo(422);
        assertThat(fragment.body()).doesNotContain("<html").contains("id=\"login-panel\"");

        Page done = shopper.post(
                "/login", Map.of("email", email, "password", PASSWORD, "_csrf", token), Map.of("HX-Request", "true"));
        assertThat(done.status()).isEqualTo(204);
        assertThat(done.header("HX-Redirect")).isEqualTo("/account");
    }

    @Test
    void hostileInputGetsAPageNeverAnError() {
        PageClient shopper = new PageClient(port);
        String token = csrf(shopper.get("/signup"));
        for (Map<String, String> fields : java.util.List.of(
                Map.of("email", "nul\u0000@example.com", "password", PASSWORD),
                Map.of("email", "x".repeat(100_000) + "@example.com", "password", PASSWORD),
                Map.of("email", uniqueEmail(), "password", "p".repeat(100_000)),
                Map.of("email", uniqueEmail(), "display_name", "n".repeat(5_000), "password", PASSWORD),
                Map.of("email", uniqueEmail(), "display_name", "bell\u0007", "password", PASSWORD))) {
            java.util.Map<String, String> form = new java.util.HashMap<>(fields);
            form.put("_csrf", token);
            Page answer = shopper.post("/signup", form);
            assertThat(answer.status()).as(fields.keySet().toString()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).startsWith("text/html");
            Page login = shopper.post("/login", form);
            assertThat(login.status()).isBetween(400, 499);
            assertThat(login.header("Content-Type")).startsWith("text/html");
        }
    }

    static String csrf(Page page) {
        return page.html().select("input[name=_csrf]").first().attr("value");
    }
}
