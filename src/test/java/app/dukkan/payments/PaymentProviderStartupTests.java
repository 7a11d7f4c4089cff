package app.dukkan.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.DukkanApplication;
import app.dukkan.platform.Money;
import app.dukkan.platform.StartupRefusedException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which payment provider a shop starts with when no Stripe key is set. Each test starts a shop of
 * its own (the test profile switches the test provider on; {@link TestProviderPaymentsTests} shows
 * it working there, {@link StripePaymentsTests} that a Stripe key wins over it).
 */
@ExtendWith(OutputCaptureExtension.class)
class PaymentProviderStartupTests {

    @Test
    void refusesToStartWithNeitherAStripeKeyNorTheTestProviderSwitchedOn(CapturedOutput output) {
        SpringApplicationBuilder shop = new SpringApplicationBuilder(DukkanApplication.class).profiles("test");

        assertThatThrownBy(() -> shop.run(
                                "--server.port=0",
                                "--dukkan.payments.stripe.secret-key=",
                                "--dukkan.payments.test-provider.enabled=false")
                        .close())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("No payment provider is configured");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("STRIPE_SECRET_KEY")
                .contains("dukkan.payments.test-provider.enabled=true");
    }

    @Test
    void devProfileSwitchesTheTestProviderOnWithNoSetting() {
        // only the dev profile: the test profile's settings, less the test provider, given here
        try (ConfigurableApplicationContext shop = new SpringApplicationBuilder(DukkanApplication.class)
                .profiles("dev")
                .run(
                        "--server.port=0",
                        "--dukkan.payments.stripe.secret-key=",
                        // the test JVM's own server and files (each test JVM has its own, see the pom)
                        "--dukkan.embedded-postgres.data-directory="
                                + System.getProperty("dukkan.embedded-postgres.data-directory", "target/test-postgres"),
                        "--dukkan.embedded-postgres.ephemeral=true",
                        "--dukkan.embedded-postgres.pool-size=4",
                        "--dukkan.storage.directory="
                                + System.getProperty("dukkan.storage.directory", "target/test-files"),
                        "--dukkan.seed.demo-products=0",
                        "--dukkan.admin.password=Str0ng-Passphrase-4711",
                        "--dukkan.roles=web")) {
            Payments payments = shop.getBean(Payments.class);
            String reference = "order-" + UUID.randomUUID();
            PaymentIntent intent = payments.createIntent(new IntentRequest(
                    reference, Money.ofMinor(100, "EUR"), "key-" + reference, "Order " + reference, null));
            assertThat(intent.provider()).isEqualTo("test");
        }
    }
}
