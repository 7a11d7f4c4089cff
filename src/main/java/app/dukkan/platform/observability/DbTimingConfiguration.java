package app.dukkan.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Measures the time each HTTP request spends executing JDBC statements: every {@link DataSource}
 * (the embedded pool or an external one) is wrapped by {@link TimedDataSource}, and a filter reports the
 * sum per request as the timer {@code http.server.requests.db}; inside a sampled trace each statement
 * is also a span.
 */
@Configuration(proxyBeanMethods = false)
class DbTimingConfiguration {

    @Bean
    static BeanPostProcessor dbTimingDataSourceWrapper(ObjectProvider<Tracer> tracer) {
        // the tracer is looked up on first use: this post-processor is created before other beans
        Supplier<Tracer> lazyTracer = SingletonSupplier.of(() -> tracer.getIfAvailable(() -> Tracer.NOOP));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof TimedDataSource)) {
                    return new TimedDataSource(dataSource, lazyTracer);
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
