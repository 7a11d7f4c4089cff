package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueues;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import com.github.kagkarlsson.scheduler.boot.config.startup.ContextReadyStart;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobsConfiguration.class);

    /** Job data is stored as JSON, readable in the table and independent of Java class versions. */
    static final Serializer JOB_DATA = new Jackson3Serializer();

    @Bean
    DbSchedulerCustomizer jsonJobData() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(JOB_DATA);
            }
        };
    }

    @Bean
    ProcessRoles processRoles(Environment environment) {
        return ProcessRoles.of(environment);
    }

    /**
     * Replaces db-scheduler's starter: only a worker starts the scheduler (once the context is
     * ready). Elsewhere the scheduler stays a client that writes jobs to the table for the workers.
     */
    @Bean
    DbSchedulerStarter dbSchedulerStarter(Scheduler scheduler, ProcessRoles roles) {
        if (roles.worker()) {
            return new ContextReadyStart(scheduler);
        }
        log.info("Roles {}: this process schedules jobs but does not run them", roles.roles());
        return () -> {};
    }

    @Bean
    WorkerShutdown workerShutdown(Scheduler scheduler, JdbcClient jdbc) {
        return new WorkerShutdown(scheduler, jdbc);
    }

    /** In every process: new bulk jobs are scheduled by web processes too (the sampler reads once a second). */
    @Bean
    BulkYield bulkYield(
            JdbcClient jdbc,
            MeterRegistry meters,
            @Value("${dukkan.jobs.bulk.yield-when-busy:true}") boolean enabled,
            @Value("${dukkan.jobs.bulk.busy-cpu:0.7}") double busyCpu,
            @Value("${dukkan.jobs.bulk.busy-requests:10}") double busyRequests,
            @Value("${dukkan.jobs.bulk.max-deferral:10m}") Duration maxDeferral) {
        return new BulkYield(
                jdbc,
                enabled ? BulkYield.MACHINE_CPU : null,
                () -> servedRequests(meters),
                busyCpu,
                busyRequests,
                maxDeferral,
                meters);
    }

    /** HTTP requests served so far, from Spring's {@code http.server.requests} timers (every route and status). */
    private static long servedRequests(MeterRegistry meters) {
        long served = 0;
        for (Timer timer : meters.find("http.server.requests").timers()) {
            served += timer.count();
        }
        return served;
    }

    @Bean
    QueueGauges queueGauges(
            JobQueues queues, MeterRegistry meters, @Value("${dukkan.jobs.gauge-refresh:5s}") Duration refresh) {
        QueueGauges gauges = new QueueGauges(queues, refresh);
        gauges.register(meters);
        return gauges;
    }

    /** A worker-only process answers its probes and metrics, and 404 to everything else. */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<WorkerOnlyFilter> workerOnlyFilter(ProcessRoles roles) {
        FilterRegistrationBean<WorkerOnlyFilter> registration = new FilterRegistrationBean<>(new WorkerOnlyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(!roles.web());
        return registration;
    }
}
