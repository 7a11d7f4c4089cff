package app.dukkan.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Measures the time each HTTP request spends executing JDBC statements: every {@link DataSource}
 * (the embedded pool or an external one) is wrapped by {@link TimedDataSource}, and a filter reports the
 * sum per request as the timer {@code http.server.requests.db}.
 */
@Configuration(proxyBeanMethods = false)
class DbTimingConfiguration {

    @Bean
    static BeanPostProcessor dbTimingDataSourceWrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof TimedDataSource)) {
                    return new TimedDataSource(dataSource);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<DbTimingFilter> dbTimingFilter(MeterRegistry registry) {
        FilterRegistrationBean<DbTimingFilter> registration =
                new FilterRegistrationBean<>(new DbTimingFilter(registry));
        // Outermost, so that the session saved by Spring Session after the controller counts too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
