package app.dukkan.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.IdentityEvents;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pages of the mailed links: forgotten password, new password, email confirmation. */
@DukkanTest
class RecoveryPagesTests {

    private static final String NEW_PASSWORD = "battery staple 77";

    @LocalServerPort
    int port;

    @Autowired
    IdentityEvents events;

    @Autowired
    JdbcClient jdbc;

    private String registered() {
        String email = SignInPagesTests.uniqueEmail();
        new ApiClient(port).register(email, SignInPagesTests.PASSWORD);
        return email;
    }

    private Page askForReset(PageClient shopper, String email) {
        Page form = shopper.get("/account/forgot-password").expectStatus(200);
        return shopper.submit(form, "form[action$=/account/forgot-password]", Map.of("email", email));
    }

    private String resetToken(String email) {
        var resets = events.resets(email);
        return resets.get(resets.size() - 1).token();
    }

    @Test
    void aResetLinkLetsTheShopperChooseANewPassword() {
        String email = registered();
        PageClient shopper = new PageClient(port);
        Page sent = askForReset(shopper, email);
        assertThat(sent.location()).isEqualTo("/account/forgot-password?sent");
        assertThat(shopper.follow(sent).one("[role=status]").text()).contains("on its way");

        Page form = shopper.get("/account/reset-password?token=" + resetToken(email))
                .expectStatus(200);
        assertThat(form.one("input[name=token]").attr("value")).isEqualTo(resetToken(email));
        Page weak = shopper.submit(form, "form[action$=/account/reset-password]", Map.of("password", "qwertyuiop"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.one("#reset-password-error").text()).contains("too easy");

        // the refused password left the link usable
        Page done = shopper.submit(weak, "form[action$=/account/reset-password]", Map.of("password", NEW_PASSWORD));
        assertThat(done.location()).isEqualTo("/login?reset");
        assertThat(shopper.follow(done).one("[role=status]").text()).contains("Sign in with the new one");
        Page signedIn = SignInPagesTests.signIn(new PageClient(port), email, NEW_PASSWORD);
        assertThat(signedIn.location()).isEqualTo("/account");
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoMail() {
        String unknown = SignInPagesTests.uniqueEmail();
        String known = registered();
        PageClient shopper = new PageClient(port);

        Page forUnknown = askForReset(shopper, unknown);
        Page forKnown = askForReset(shopper, known);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(303);
        assertThat(forUnknown.location()).isEqualTo(forKnown.location());
        assertThat(events.resets(unknown)).isEmpty();
        assertThat(events.resets(known)).hasSize(1);

        Page invalid = askForReset(shopper, "not an address");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.one("#forgot-email-error").text()).contains("name@example.com");
        assertThat(invalid.one("#forgot-email").attr("value")).isEqualTo("not an address");
    }

    @Test
    void usedExpiredAndMadeUpLinksSayWhatToDo() throws Exception {
        String email = registered();
        PageClient shopper = new PageClient(port);
        askForReset(shopper, email);
        String used = resetToken(email);
        shopper.submit(
                shopper.get("/account/reset-password?token=" + used),
                "form[action$=/account/reset-password]",
                Map.of("password", NEW_PASSWORD));

        Page usedPage = shopper.get("/account/reset-password?token=" + used);
        assertThat(usedPage.status()).isEqualTo(410);
        assertThat(usedPage.one("[role=alert]").text()).contains("used already");
        assertThat(usedPage.html().select("form[action$=/account/reset-password]"))
                .isEmpty();
        assertThat(usedPage.html().select("a[href=/account/forgot-password]")).isNotEmpty();

        askForReset(shopper, email);
        String expiring = resetToken(email);
        Page form = shopper.get("/account/reset-password?token=" + expiring).expectStatus(200);
        jdbc.sql("update user_tokens set expires_at = now() - interval '1 minute' where token_hash = ?")
                .param(MessageDigest.getInstance("SHA-256").digest(expiring.getBytes(StandardCharsets.US_ASCII)))
                .update();
        Page expired = shopper.submit(
                form, "form[action$=/account/reset-password]", Map.of("password", "another fine password"));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.one("[role=alert]").text()).contains("expired");

        Page madeUp = shopper.get("/account/reset-password?token=" + "A".repeat(43));
        assertThat(madeUp.status()).isEqualTo(400);
        assertThat(madeUp.one("[role=alert]").text()).contains("does not work");
        assertThat(shopper.get("/account/reset-password").status()).isEqualTo(400);
        assertThat(shopper.get("/account/reset-password?token=" + "x".repeat(5000))
                        .status())
                .isEqualTo(400);

        // none of them changed the password set with the first link
        assertThat(SignInPagesTests.signIn(new PageClient(port), email, NEW_PASSWORD)
                        .location())
                .isEqualTo("/account");
    }

    @Test
    void theVerificationLinkConfirmsTheAddressOnlyWhenThePersonPresses() {
        String email = registered();
        String token = events.verifications(email).get(0).token();
        PageClient shopper = new PageClient(port);

        Page landing = shopper.get("/ar/account/verify-email?token=" + token).expectStatus(200);
        assertThat(landing.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(verified(email)).as("opening the link changes nothing").isFalse();

        Page confirmed = shopper.submit(landing, "form[action$=/account/verify-email]", Map.of());
        assertThat(confirmed.location()).isEqualTo("/ar/account/verify-email?done");
        assertThat(shopper.follow(confirmed).one("[role=status]").text())
                .isEqualTo("شكرًا لك: تم تأكيد بريدك الإلكتروني.");
        assertThat(verified(email)).isTrue();

        Page again = shopper.submit(landing, "form[action$=/account/verify-email]", Map.of());
        assertThat(again.status()).isEqualTo(410);
        Page forged = shopper.submit(landing, "form[action$=/account/verify-email]", Map.of("token", "forged"));
        assertThat(forged.status()).isEqualTo(400);
    }

    private boolean verified(String email) {
        return jdbc.sql("select email_verified_at is not null from users where email = ?")
                .param(email)
                .query(Boolean.class)
                .single();
    }
}
