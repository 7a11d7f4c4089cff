package app.dukkan.platform.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The HTTP edge: the API reads and writes objects as JSON only, takes bodies only up to their
 * route's size, and answers every error as a problem detail.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({BodyLimitProperties.class, AdmissionProperties.class})
class HttpEdgeConfiguration {

    /**
     * Multipart bodies are parsed when a handler asks for their parts, so that a page taking an
     * upload can answer a body the parser refuses (too large, cut off) with its form again. An error
     * dispatch still parses at once: that reads the refused body, so the client reads the refusal
     * rather than a connection closed while it sends.
     */
    @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    MultipartResolver multipartResolver() {
        return new StandardServletMultipartResolver() {
            @Override
            public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
                return new StandardMultipartHttpServletRequest(
                        request, request.getDispatcherType() != DispatcherType.ERROR);
            }
        };
    }

    /**
     * Spring MVC adds a converter for every data format whose library is on the class path; springdoc
     * brings YAML. Such bodies would bypass the JSON naming and limits (a large YAML body costs
     * seconds of CPU), so requests in them answer 415 and an {@code Accept} only they satisfy 406.
     * springdoc writes {@code /api/schema.yaml} itself and keeps working.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer jsonOnlyConverters() {
        return converters -> converters.configureMessageConvertersList(list ->
                list.removeIf(converter -> (converter instanceof AbstractJacksonHttpMessageConverter<?>
                                || converter instanceof AbstractJackson2HttpMessageConverter
                                || converter instanceof Jaxb2RootElementHttpMessageConverter)
                        && !(converter instanceof JacksonJsonHttpMessageConverter)));
    }

    /**
     * Handler look-up that passes over the mappings a path cannot match before asking more. htmx's
     * starter registers its own handler mapping, adapter and exception resolver: ours extends its
     * mapping and hands out the other two, and is the primary one of the two registrations.
     */
    @Bean
    @Primary
    WebMvcRegistrations prefixFilteredHandlerMapping(HtmxMvcAutoConfiguration htmx) {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PrefixFilteredHandlerMapping();
            }

            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return htmx.getRequestMappingHandlerAdapter();
            }

            @Override
            public ExceptionHandlerExceptionResolver getExceptionHandlerExceptionResolver() {
                return htmx.getExceptionHandlerExceptionResolver();
            }
        };
    }

    /**
     * Right after the read admission, before the session and the security filters (order -100): a
     * body the route refuses is read by none of them.
     */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimitProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /**
     * Before every other filter that does work (the session, security, the database): a read
     * waiting for its turn holds nothing else. A refusal goes through the error dispatch, where
     * the security filters add their headers.
     */
    @Bean
    FilterRegistrationBean<RequestAdmission> requestAdmission(AdmissionProperties properties, MeterRegistry registry) {
        FilterRegistrationBean<RequestAdmission> registration =
                new FilterRegistrationBean<>(new RequestAdmission(properties, registry));
        // the observation filter (HIGHEST_PRECEDENCE + 1) still times the whole request
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Tomcat answers an encoded slash ({@code %2F}) itself, in HTML and without the security headers;
     * passed through, Spring Security's firewall refuses it like every other disallowed URL.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /** Replaces Spring Boot's error controller, whose JSON answers were not problem details. */
    @Bean
    ProblemErrorController errorController(
            ErrorAttributes attributes, WebProperties web, ObjectProvider<ErrorViewResolver> views) {
        return new ProblemErrorController(
                attributes, web.getError(), views.orderedStream().toList());
    }
}
