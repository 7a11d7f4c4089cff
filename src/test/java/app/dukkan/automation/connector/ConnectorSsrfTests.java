package app.dukkan.automation.connector;

import static app.dukkan.automation.connector.ConnectorFixtures.call;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorSsrfTests {

    static final WireMockServer LOCAL = new WireMockServer(wireMockConfig().dynamicPort());

    /** The default: no private networks, no allowed hosts. */
    final HttpConnector guarded = new ConnectorFixtures(false, List.of(), ConnectorFixtures.READ_TIMEOUT).http();

    @BeforeAll
    static void start() {
        LOCAL.start();
        LOCAL.stubFor(post(urlEqualTo("/hook")).willReturn(ok()));
    }

    @AfterAll
    static void stop() {
        LOCAL.stop();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/hook",
                "http://10.0.0.1/hook",
                "http://172.16.5.4/hook",
                "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/hook",
                "http://0.0.0.0/hook",
                "http://[::1]/hook",
                "http://[::]/hook",
                "http://[fe80::1]/hook",
                "http://[fd00::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://[::ffff:a9fe:a9fe]/hook",
                "http://[64:ff9b::a00:1]/hook",
                "http://[2002:7f00:1::]/hook",
                "http://224.0.0.1/hook"
            })
    void refusesInternalAddresses(String url) {
        assertThatThrownBy(() -> guarded.call(call(Map.of("url", url))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("refused");
                });
    }

    @Test
    void refusesANameThatResolvesToLoopback() {
        assertThatThrownBy(() -> guarded.call(call(Map.of("url", "http://localhost:" + LOCAL.port() + "/hook"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("refused", "localhost");
                });
        assertThat(LOCAL.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/x",
                "file:///etc/passwd",
                "gopher://example.com/",
                "http://user:pw@example.com/"
            })
    void refusesOtherSchemesAndUserInfo(String url) {
        assertThatThrownBy(() -> guarded.call(call(Map.of("url", url))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String address :
                List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1")) {
            assertThat(AddressGuard.refused(InetAddress.getByName(address)))
                    .as(address)
                    .isFalse();
        }
    }

    @Test
    void anAllowedHostOrAllowedPrivateNetworksReachLocalServices() {
        HttpConnector allowListed =
                new ConnectorFixtures(false, List.of("localhost"), ConnectorFixtures.READ_TIMEOUT).http();
        HttpConnector privateAllowed = new ConnectorFixtures(true, List.of(), ConnectorFixtures.READ_TIMEOUT).http();

        assertThat(allowListed
                        .call(call(Map.of("url", "http://localhost:" + LOCAL.port() + "/hook")))
                        .output())
                .containsEntry("status", 200);
        assertThat(privateAllowed
                        .call(call(Map.of("url", "http://127.0.0.1:" + LOCAL.port() + "/hook")))
                        .output())
                .containsEntry("status", 200);
        assertThatThrownBy(() -> allowListed.call(call(Map.of("url", "http://127.0.0.1:" + LOCAL.port() + "/hook"))))
                .as("the allow-list names hosts, and 127.0.0.1 is not on it")
                .isInstanceOf(ConnectorException.class);
    }
}
