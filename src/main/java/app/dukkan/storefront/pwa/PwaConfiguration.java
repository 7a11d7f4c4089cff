package app.dukkan.storefront.pwa;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

@Configuration(proxyBeanMethods = false)
class PwaConfiguration {

    /** Outside the session filter, so that it sees the session cookie being written. */
    @Bean
    FilterRegistrationBean<SessionStartMark> sessionStartMark(
            @Value("${server.servlet.session.cookie.name:SESSION}") String sessionCookie) {
        FilterRegistrationBean<SessionStartMark> registration =
                new FilterRegistrationBean<>(new SessionStartMark(sessionCookie));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
        return registration;
    }
}
