package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.PageClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in links for operators, end to end: the request answers alike for every address and mails
 * only operators of the allowed domains (over SMTP, to GreenMail); opening the link uses nothing,
 * pressing its button signs in once; expired, used, replaced and unknown links sign nobody in; the
 * requests are limited per client address and per email.
 */
class MagicLinkTests extends OperatorContext {

    private static final Pattern LINK =
            Pattern.compile("http://localhost:8080(/login/link\\?token=([A-Za-z0-9_-]{43}))");

    private FromAddress.Response request(String email) {
        FromAddress.Response answer = FromAddress.random(port).post("/api/v1/auth/magic-link", Map.of("email", email));
        assertThat(answer.status()).as(answer.body()).isIn(202, 429);
        return answer;
    }

    /** Asks for a link for this address and answers its token once it is stored (its job's transaction committed). */
    private String requestToken(String email) throws Exception {
        int before = events.magicLinks(email).size();
        assertThat(request(email).status()).isEqualTo(202);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> events.magicLinks(email).size() > before);
        String token = events.magicLinks(email).get(before).token();
        byte[] hash = sha256(token);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from user_tokens where token_hash = ?")
                                .param(hash)
                                .query(Integer.class)
                                .single()
                        == 1);
        return token;
    }

    private ApiClient.Response signIn(ApiClient client, String token) {
        return client.post("/api/v1/auth/magic-link/sign-in", Map.of("token", token));
    }

    private static byte[] sha256(String token) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void mailsALinkWhoseButtonSignsTheOperatorInOnce() throws Exception {
        Account operator = account(DOMAIN, "admin", "customer");
        PageClient browser = new PageClient(port);
        var login = browser.get("/login").expectStatus(200);
        assertThat(login.one("#magic-panel h2").text()).isEqualTo("Shop operators: sign in with a link");

        var sent = browser.submit(login, "#magic-panel form", Map.of("email", operator.email()));

        assertThat(sent.location()).isEqualTo("/login?link-sent");
        assertThat(browser.follow(sent).one("#magic-panel .notice.success").text())
                .isEqualTo(
                        "If this address may sign in with a link, the link is on its way. It works once, for 15 minutes.");
        MimeMessage mail = awaitMail(operator.email());
        assertThat(mail.getSubject()).isEqualTo("Your sign-in link for Dukkan");
        String text = part(mail, "text/plain");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(part(mail, "text/html")).contains(link.group(0));
        String path = link.group(1);
        String token = link.group(2);

        // opening the link (a mail scanner does too) uses nothing
        PageClient mailbox = new PageClient(port);
        var page = mailbox.get(path).expectStatus(200);
        mailbox.get(path).expectStatus(200);
        assertThat(page.one("main form button").text()).isEqualTo("Sign in");
        assertThat(page.html().select("meta[name=referrer]").attr("content")).isEqualTo("no-referrer");
        assertThat(jdbc.sql("select used_at is null from user_tokens where token_hash = ?")
                        .param(sha256(token))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(mailbox.get("/account").location()).startsWith("/login");

        // pressing the button signs in and goes to the console
        var signedIn = mailbox.submit(page, "main form", Map.of());
        assertThat(signedIn.location()).isEqualTo("/admin");
        mailbox.get("/account").expectStatus(200);
        JsonNode me = new ApiClient(port)
                .header("Cookie", "DUKKAN_SESSION=" + mailbox.cookie("DUKKAN_SESSION"))
                .get("/api/v1/me")
                .expectStatus(200)
                .json();
        assertThat(me.get("email").asString()).isEqualTo(operator.email());
        assertThat(me.get("roles").toString()).contains("admin");
        // the link came through the account's mailbox: that confirms the address
        assertThat(me.get("email_verified").asBoolean()).isTrue();

        // a second press signs nobody in
        var again = mailbox.submit(page, "main form", Map.of());
        again.expectStatus(410);
        assertThat(again.one(".notice.error").text())
                .isEqualTo("This link has been used already, or a newer one replaced it.");
        assertThat(again.one("main a.button").attr("href")).isEqualTo("/login");
        ApiClient other = new ApiClient(port);
        signIn(other, token).expectStatus(410);
        other.get("/api/v1/me").expectStatus(401);
        assertThat(new PageClient(port).get(path).status()).isEqualTo(410);
    }

    @Test
    void answersAlikeForEveryAddressAndMailsOnlyEnabledOperatorsOfAllowedDomains() throws Exception {
        Account admin = account(DOMAIN, "admin");
        Account seller = account("second.example", "seller");
        Account customer = account(DOMAIN);
        Account foreignSeller = account("elsewhere.example", "seller");
        Account disabled = account(DOMAIN, "seller");
        admin().post("/api/v1/admin/users/" + disabled.id() + "/disable", Map.of("reason", "Left the company"))
                .expectStatus(200);
        String unknown = "nobody-" + System.nanoTime() + "@" + DOMAIN;

        Map<String, FromAddress.Response> answers = new LinkedHashMap<>();
        for (String email : List.of(
                admin.email(),
                seller.email().toUpperCase(java.util.Locale.ROOT),
                customer.email(),
                foreignSeller.email(),
                disabled.email(),
                unknown)) {
            answers.put(email, request(email));
        }

        FromAddress.Response first = answers.get(admin.email());
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("status").asString()).isEqualTo("accepted");
        assertThat(answers.values()).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.body()).isEqualTo(first.body());
            assertThat(answer.header("Content-Type")).isEqualTo(first.header("Content-Type"));
            assertThat(answer.header("Set-Cookie")).isEqualTo(first.header("Set-Cookie"));
        });
        awaitMail(admin.email());
        awaitMail(seller.email());
        awaitLinkJobs();
        for (String nobody : List.of(customer.email(), foreignSeller.email(), disabled.email(), unknown)) {
            assertThat(received(nobody)).as(nobody).isEmpty();
            assertThat(events.magicLinks(nobody)).as(nobody).isEmpty();
        }
        assertThat(jdbc.sql("""
                        select count(*) from user_tokens t join users u on u.id = t.user_id
                        where t.purpose = 'magic-link' and u.email in (?, ?, ?)""")
                        .params(customer.email(), foreignSeller.email(), disabled.email())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void theJsonApiSignsInWithTheTokenOnce() throws Exception {
        Account seller = account(DOMAIN, "seller");
        String token = requestToken(seller.email());

        ApiClient client = new ApiClient(port);
        JsonNode user = signIn(client, token).expectStatus(200).json();

        assertThat(user.get("email").asString()).isEqualTo(seller.email());
        assertThat(client.get("/api/v1/me")
                        .expectStatus(200)
                        .json()
                        .get("roles")
                        .toString())
                .contains("seller");
        ApiClient second = new ApiClient(port);
        assertThat(signIn(second, token).expectStatus(410).json().get("type").asString())
                .endsWith("/token-used");
        second.get("/api/v1/me").expectStatus(401);
    }

    @Test
    void anExpiredLinkSignsNobodyIn() throws Exception {
        Account operator = account(DOMAIN, "admin");
        String token = requestToken(operator.email());
        Instant expiresAt = events.magicLinks(operator.email()).get(0).expiresAt();
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(14)),
                        Instant.now().plus(Duration.ofMinutes(15)));
        PageClient browser = new PageClient(port);
        var opened = browser.get("/login/link?token=" + token).expectStatus(200);
        jdbc.sql("update user_tokens set expires_at = now() - interval '1 second' where token_hash = ?")
                .param(sha256(token))
                .update();

        var pressed = browser.submit(opened, "main form", Map.of());
        pressed.expectStatus(410);
        assertThat(pressed.one(".notice.error").text()).isEqualTo("This link has expired.");
        assertThat(browser.get("/account").location()).startsWith("/login");
        var page = browser.get("/login/link?token=" + token).expectStatus(410);
        assertThat(page.one(".notice.error").text()).isEqualTo("This link has expired.");
        assertThat(page.html().select("main form")).isEmpty();
        ApiClient client = new ApiClient(port);
        assertThat(signIn(client, token).expectStatus(410).json().get("type").asString())
                .endsWith("/token-expired");
        client.get("/api/v1/me").expectStatus(401);
    }

    @Test
    void aNewerLinkReplacesTheEarlierOne() throws Exception {
        Account operator = account(DOMAIN, "seller");
        String earlier = requestToken(operator.email());
        awaitLinkJobs();
        String newer = requestToken(operator.email());

        assertThat(signIn(new ApiClient(port), earlier)
                        .expectStatus(410)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/token-used");
        signIn(new ApiClient(port), newer).expectStatus(200);
    }

    @Test
    void aDisabledOperatorCannotUseALinkMailedBefore() throws Exception {
        Account operator = account(DOMAIN, "seller");
        String token = requestToken(operator.email());
        admin().post("/api/v1/admin/users/" + operator.id() + "/disable", Map.of("reason", "Contract ended"))
                .expectStatus(200);

        new PageClient(port).get("/login/link?token=" + token).expectStatus(410);
        ApiClient client = new ApiClient(port);
        signIn(client, token).expectStatus(410);
        client.get("/api/v1/me").expectStatus(401);
        // enabled again, the old link stays used
        admin().post("/api/v1/admin/users/" + operator.id() + "/enable", Map.of())
                .expectStatus(200);
        signIn(client, token).expectStatus(410);
    }

    @Test
    void anOperatorWhoLostTheRoleCannotUseALinkMailedBefore() throws Exception {
        Account operator = account(DOMAIN, "seller");
        String token = requestToken(operator.email());
        admin().put("/api/v1/admin/users/" + operator.id() + "/roles", Map.of("roles", List.of("customer")))
                .expectStatus(200);

        assertThat(signIn(new ApiClient(port), token)
                        .expectStatus(400)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/invalid-token");
        new PageClient(port).get("/login/link?token=" + token).expectStatus(400);
    }

    @Test
    void unknownTamperedAndMalformedTokensSignNobodyIn() throws Exception {
        Account operator = account(DOMAIN, "admin");
        String token = requestToken(operator.email());
        String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        for (String bad : List.of(tampered, "A".repeat(43), "../../etc/passwd", token + "==", "x".repeat(300))) {
            ApiClient client = new ApiClient(port);
            var answer = signIn(client, bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            client.get("/api/v1/me").expectStatus(401);
            var page = new PageClient(port)
                    .get("/login/link?token=" + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8));
            page.expectStatus(400);
            assertThat(page.one(".notice.error").text()).startsWith("This link does not work.");
        }
        new PageClient(port).get("/login/link").expectStatus(400);
        // the real one still works
        signIn(new ApiClient(port), token).expectStatus(200);
    }

    @Test
    void requestsAreLimitedPerClientAddressAndPerEmail() {
        FromAddress client = FromAddress.random(port);
        for (int i = 0; i < 5; i++) {
            assertThat(client.post(
                                    "/api/v1/auth/magic-link",
                                    Map.of("email", "limit-" + i + "-" + System.nanoTime() + "@" + DOMAIN))
                            .status())
                    .isEqualTo(202);
        }
        var refused = client.post("/api/v1/auth/magic-link", Map.of("email", "limit-x@" + DOMAIN));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3600L);

        // per email, from addresses of their own, whether or not the address has an account: past
        // the limit the answer stays the same (a 429 would let anyone keep the operator from their
        // links) and no more links are sent
        Account operator = account(DOMAIN, "admin");
        String unknown = "limit-" + System.nanoTime() + "@" + DOMAIN;
        for (String email : List.of(operator.email(), unknown)) {
            for (int i = 0; i < 4; i++) {
                assertThat(request(email).status()).as(email).isEqualTo(202);
                awaitLinkJobs();
            }
        }
        assertThat(events.magicLinks(operator.email())).hasSize(3);
        // a malformed address counts for nothing
        FromAddress fresh = FromAddress.random(port);
        for (int i = 0; i < 6; i++) {
            var invalid = fresh.post("/api/v1/auth/magic-link", Map.of("email", "not-an-address"));
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("email");
        }
        assertThat(fresh.post("/api/v1/auth/magic-link", Map.of("email", unknown.replace("limit-", "other-")))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void theSignInPageNamesWhatIsWrongWithTheAddress() {
        PageClient browser = new PageClient(port);
        var login = browser.get("/login");

        var empty = browser.submit(login, "#magic-panel form", Map.of("email", " "));
        empty.expectStatus(422);
        assertThat(empty.one("#magic-email-error").text()).isEqualTo("Enter your email address.");
        assertThat(empty.one("#magic-email").attr("aria-invalid")).isEqualTo("true");
        // the password form is left as it was
        assertThat(empty.one("#login-email").attr("value")).isEmpty();

        var malformed = browser.submit(login, "#magic-panel form", Map.of("email", "nope"));
        malformed.expectStatus(422);
        assertThat(malformed.one("#magic-email-error").text())
                .isEqualTo("Enter an email address like name@example.com.");
        assertThat(malformed.one("#magic-email").attr("value")).isEqualTo("nope");

        var fragment =
                browser.submit(login, "#magic-panel form", Map.of("email", "nope"), Map.of("HX-Request", "true"));
        fragment.expectStatus(422);
        assertThat(fragment.html().select("#magic-panel")).hasSize(1);
        assertThat(fragment.html().select("#login-panel")).isEmpty();
    }
}
