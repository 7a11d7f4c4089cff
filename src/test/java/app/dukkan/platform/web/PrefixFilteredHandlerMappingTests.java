package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.util.ServletRequestPathUtils;

class PrefixFilteredHandlerMappingTests {

    @RestController
    static class Routes {

        @PostMapping("/api/v1/triggers/{key}")
        void trigger(@PathVariable String key) {}

        @GetMapping("/api/v1/products")
        void products() {}

        @GetMapping({"/files/**"})
        void files() {}

        @GetMapping("/{lang}/shop")
        void shop(@PathVariable String lang) {}

        @GetMapping("/p-{slug}")
        void product(@PathVariable String slug) {}
    }

    private final PrefixFilteredHandlerMapping mapping = new PrefixFilteredHandlerMapping();

    @BeforeEach
    void register() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.registerSingleton("routes", Routes.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
    }

    @Test
    void literalPrefixEndsBeforeTheLastSlashAheadOfAVariableOrWildcard() {
        assertThat(PrefixFilteredHandlerMapping.literalPrefix("/api/v1/triggers/{key}"))
                .isEqualTo("/api/v1/triggers");
        assertThat(PrefixFilteredHandlerMapping.literalPrefix("/api/v1/products"))
                .isEqualTo("/api/v1/products");
        assertThat(PrefixFilteredHandlerMapping.literalPrefix("/files/**")).isEqualTo("/files");
        assertThat(PrefixFilteredHandlerMapping.literalPrefix("/a/b?c")).isEqualTo("/a");
        assertThat(PrefixFilteredHandlerMapping.literalPrefix("/{lang}/shop")).isEmpty();
        assertThat(PrefixFilteredHandlerMapping.literalPrefix("/p-{slug}")).isEmpty();
    }

    @Test
    void findsWhatSpringsOwnLookUpFinds() throws Exception {
        assertThat(handler("POST", "/api/v1/triggers/order-paid")).isEqualTo("trigger");
        assertThatThrownBy(() -> handler("GET", "/api/v1/triggers/order-paid"))
                .isInstanceOf(HttpRequestMethodNotSupportedException.class);
        assertThat(handler("GET", "/api/v1/products")).isEqualTo("products");
        assertThat(handler("GET", "/files")).isEqualTo("files");
        assertThat(handler("GET", "/files/a/b.png")).isEqualTo("files");
        assertThat(handler("GET", "/ar/shop")).isEqualTo("shop");
        assertThat(handler("GET", "/p-red-shoes")).isEqualTo("product");
        assertThat(handler("GET", "/api/v1/productsx")).isNull();
    }

    @Test
    void escapedPathsAreMatchedOnTheirDecodedSegments() throws Exception {
        // "%74" is "t": Spring matches the decoded segment, which the literal prefix cannot see
        assertThat(handler("POST", "/api/v1/%74riggers/order-paid")).isEqualTo("trigger");
        assertThat(handler("GET", "/api/v1/product%73")).isEqualTo("products");
    }

    private @Nullable String handler(String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mapping.getHandler(request);
        return chain == null
                ? null
                : ((HandlerMethod) chain.getHandler()).getMethod().getName();
    }
}
