package app.dukkan.storefront.account;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.AccountProblem;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.OrderStatus;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every refusal identity can give, every order status and event has words on the account pages. */
class AccountMessagesTests {

    private static Properties english() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                AccountMessagesTests.class.getResourceAsStream("/i18n/account.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void everyRefusalReasonHasAMessage() throws IOException {
        Properties messages = english();
        for (AccountProblem.Reason reason : AccountProblem.Reason.values()) {
            String key =
                    "account.error." + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
            assertThat(messages.getProperty(key)).as(key).isNotBlank();
        }
        for (String token : new String[] {"token-invalid", "token-expired", "token-used"}) {
            assertThat(messages.getProperty("account.link." + token)).as(token).isNotBlank();
        }
    }

    @Test
    void everyOrderStatusAndEventHasAName() throws IOException {
        Properties messages = english();
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(messages.getProperty("account.status." + status.code()))
                    .as(status.code())
                    .isNotBlank();
        }
        for (CustomerOrders.EventKind kind : CustomerOrders.EventKind.values()) {
            String key = "account.event." + kind.name().toLowerCase(Locale.ROOT);
            assertThat(messages.getProperty(key)).as(key).isNotBlank();
        }
    }
}
