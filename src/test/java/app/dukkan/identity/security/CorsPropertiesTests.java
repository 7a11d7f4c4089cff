package app.dukkan.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.StartupRefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The allowed origins are exact origins: a wildcard or anything else stops the start, saying why. */
class CorsPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CorsProperties.class)
    static class Cors {}

    final ApplicationContextRunner shop = new ApplicationContextRunner().withUserConfiguration(Cors.class);

    @Test
    void noneByDefault() {
        shop.run(context -> {
            CorsProperties cors = context.getBean(CorsProperties.class);
            assertThat(cors.allowedOrigins()).isEmpty();
            assertThat(cors.allowCredentials()).isFalse();
        });
    }

    @Test
    void exactOriginsAreTaken() {
        shop.withPropertyValues("dukkan.web.cors.allowed-origins=https://app.shop.example,http://localhost:5173")
                .run(context -> assertThat(context.getBean(CorsProperties.class).allowedOrigins())
                        .containsExactly("https://app.shop.example", "http://localhost:5173"));
    }

    @Test
    void aWildcardStopsTheStart() {
        for (String origin : new String[] {"*", "https://*.shop.example"}) {
            shop.withPropertyValues("dukkan.web.cors.allowed-origins=" + origin)
                    .run(context -> assertThat(context.getStartupFailure())
                            .as(origin)
                            .rootCause()
                            .isInstanceOf(StartupRefusedException.class)
                            .hasMessageContaining("wildcard would let any web site call the shop's API"));
        }
    }

    @Test
    void whatIsNotAnOriginStopsTheStart() {
        for (String origin : new String[] {
            "app.shop.example",
            "https://app.shop.example/",
            "https://app.shop.example/api",
            "ftp://app.shop.example",
            "https://user@app.shop.example",
            "null"
        }) {
            shop.withPropertyValues("dukkan.web.cors.allowed-origins=" + origin)
                    .run(context -> assertThat(context.getStartupFailure())
                            .as(origin)
                            .rootCause()
                            .isInstanceOf(StartupRefusedException.class)
                            .hasMessageContaining("which is not an origin"));
        }
    }
}
