package app.dukkan.platform.jobs;

import app.dukkan.platform.BenchmarkWorkload;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code jobs-bench} command's beans, only in its process ({@code dukkan.jobs.bench.enabled}):
 * the no-op job type {@code bench-noop} with its workload, the {@link JobsBenchmark}, and, when
 * {@code dukkan.jobs.bench.run} is set (the command sets both), the runner that measures once the
 * context has started and hands the result to the exit status.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("dukkan.jobs.bench.enabled")
class JobsBenchConfiguration {

    record Noop(String key) {}

    static final JobType<Noop> NOOP = new JobType<>(
            "bench-noop", Noop.class, JobQueue.DEFAULT, RetryPolicy.exponential(1, Duration.ofSeconds(1)));

    @Bean
    Task<JobEnvelope> benchNoopTask(JobRunner runner) {
        return runner.task(NOOP, noop -> {});
    }

    @Bean
    BenchmarkWorkload<Noop> benchNoopWorkload() {
        return new BenchmarkWorkload<>() {
            @Override
            public JobType<Noop> type() {
                return NOOP;
            }

            @Override
            public Noop payload(String key) {
                return new Noop(key);
            }
        };
    }

    @Bean
    JobsBenchmark jobsBenchmark(
            List<BenchmarkWorkload<?>> workloads,
            SchedulerClient scheduler,
            Jobs jobs,
            JobRunner runner,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            @Value("${db-scheduler.threads}") int threads,
            @Value("${db-scheduler.polling-interval}") String polling) {
        return new JobsBenchmark(
                workloads,
                scheduler,
                jobs,
                runner,
                jdbc,
                json,
                clock,
                "db-scheduler threads=" + threads + " polling=" + polling);
    }

    @Bean
    @ConditionalOnBooleanProperty("dukkan.jobs.bench.run")
    BenchRunner jobsBenchRunner(
            JobsBenchmark benchmark,
            @Value("${dukkan.jobs.bench.task:bench-noop}") String task,
            @Value("${dukkan.jobs.bench.jobs:50000}") int jobs,
            @Value("${dukkan.jobs.bench.rate:500}") int rate,
            @Value("${dukkan.jobs.bench.seconds:20}") int seconds,
            @Value("${dukkan.jobs.bench.stall-timeout:60s}") Duration stallTimeout) {
        return new BenchRunner(benchmark, new JobsBenchmark.Settings(task, jobs, rate, seconds, stallTimeout));
    }

    /** Runs the benchmark once the context has started; its status becomes the command's exit status. */
    static final class BenchRunner implements ApplicationRunner, ExitCodeGenerator {

        private final JobsBenchmark benchmark;
        private final JobsBenchmark.Settings settings;
        private volatile int status = JobsBenchmark.INCOMPLETE;

        BenchRunner(JobsBenchmark benchmark, JobsBenchmark.Settings settings) {
            this.benchmark = benchmark;
            this.settings = settings;
        }

        @Override
        public void run(ApplicationArguments args) {
            status = benchmark.run(settings, System.out, System.err);
        }

        @Override
        public int getExitCode() {
            return status;
        }
    }
}
