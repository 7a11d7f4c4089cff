package app.dukkan.storefront.web;

import app.dukkan.identity.Accounts;
import app.dukkan.identity.CurrentUser;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorefrontProperties.class)
class StorefrontWebConfiguration implements WebMvcConfigurer {

    /**
     * Paths that are not pages: no language preference, no theme. The service worker and the
     * manifest are read by the browser, not the shopper: the worker's English address must not
     * make a German shopper's shop English.
     */
    private static final String[] NOT_PAGES = {
        "/api/**",
        "/assets/**",
        "/files/**",
        "/actuator/**",
        "/webjars/**",
        "/error",
        "/livez",
        "/readyz",
        "/healthz",
        "/health/metrics",
        "/sw.js",
        "/manifest.webmanifest"
    };

    private final boolean secureCookies;
    private final CurrentUser currentUser;
    private final Accounts accounts;

    StorefrontWebConfiguration(
            @Value("${server.servlet.session.cookie.secure:true}") boolean secureCookies,
            CurrentUser currentUser,
            Accounts accounts) {
        this.secureCookies = secureCookies;
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    /** Before the security filters, so they see paths without the language prefix. */
    @Bean
    FilterRegistrationBean<LanguagePrefixFilter> languagePrefixFilter() {
        FilterRegistrationBean<LanguagePrefixFilter> registration =
                new FilterRegistrationBean<>(new LanguagePrefixFilter());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /**
     * No {@link ResourceUrlEncodingFilter}. Boot adds one when the WebJars locator is present, and it
     * looks up every link a page writes ({@code @{/products?…}}) as a possible static file of the
     * catch-all {@code /**} mapping: class-path look-ups in four places under a lock of the jar loader,
     * a hundred per listing page, which made 16 shoppers whose pages are not cached wait on each other
     * (5 pages a second). Pages name their assets through {@link Assets} instead.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    /** Pages speak their URL's language; the API keeps answering in the language the client accepts. */
    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                if (request.getRequestURI().startsWith("/api/")) {
                    // without the header the container answers the machine's own locale
                    return request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null
                            ? Language.EN.locale()
                            : request.getLocale();
                }
                return PageContext.language(request).locale();
            }

            @Override
            public void setLocale(
                    HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
                throw new UnsupportedOperationException("The language is chosen by the URL");
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguagePreference(secureCookies, currentUser, accounts))
                .excludePathPatterns(NOT_PAGES);
    }

    /** Stylesheets, scripts, images and WebJars under {@code /assets/}, named by content hash and cached for good. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/", "classpath:/META-INF/resources/webjars/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }
}
