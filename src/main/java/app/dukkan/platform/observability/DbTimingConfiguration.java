package app.dukkan.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.NanoTimeStopwatchFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Measures the time each HTTP request spends executing JDBC statements: every {@link DataSource}
 * (the embedded pool or an external one) is wrapped by datasource-proxy, and a filter reports the
 * sum per request as the timer {@code http.server.requests.db}.
 */
@Configuration(proxyBeanMethods = false)
class DbTimingConfiguration {

    @Bean
    static BeanPostProcessor dbTimingDataSourceWrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                    return timed(dataSource, beanName);
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

    private static DataSource timed(DataSource dataSource, String name) {
        ProxyDataSource proxy = new ProxyDataSource(dataSource);
        proxy.setProxyConfig(ProxyConfig.Builder.create()
                .dataSourceName(name)
                .queryListener(new QueryExecutionListener() {
                    @Override
                    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

                    @Override
                    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
                        RequestDbTime.record(execution.getElapsedTime());
                    }
                })
                // Elapsed time in nanoseconds: most statements take well under a millisecond.
                .stopwatchFactory(new NanoTimeStopwatchFactory())
                .build());
        return proxy;
    }
}
