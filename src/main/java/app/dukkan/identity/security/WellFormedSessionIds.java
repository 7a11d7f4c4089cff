package app.dukkan.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Reads from the session cookie only ids the shop could have issued. Spring Session looks every
 * cookie value up in PostgreSQL, so garbage such as {@code DUKKAN_SESSION=AAAA} (three NUL bytes in
 * base64) made the database refuse the query and every request, probes included, fail with 500. A
 * malformed value is now simply no session: the request goes on anonymously.
 */
final class WellFormedSessionIds implements CookieSerializer {

    /** Spring Session's default id generator issues random UUIDs in their canonical, lower-case form. */
    private static final Pattern SESSION_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final CookieSerializer delegate;

    private WellFormedSessionIds(CookieSerializer delegate) {
        this.delegate = delegate;
    }

    /** Wraps the cookie serializer Spring Boot configures (name, flags, SameSite) without repeating it. */
    @Configuration(proxyBeanMethods = false)
    static class Wrapping {

        @Bean
        static BeanPostProcessor wellFormedSessionIds() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof CookieSerializer serializer && !(bean instanceof WellFormedSessionIds)
                            ? new WellFormedSessionIds(serializer)
                            : bean;
                }
            };
        }
    }

    @Override
    public void writeCookieValue(CookieValue cookieValue) {
        delegate.writeCookieValue(cookieValue);
    }

    @Override
    public List<String> readCookieValues(HttpServletRequest request) {
        return delegate.readCookieValues(request).stream()
                .filter(id -> SESSION_ID.matcher(id).matches())
                .toList();
    }
}
