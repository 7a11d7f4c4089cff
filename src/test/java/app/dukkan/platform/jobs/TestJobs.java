package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobTasks;
import app.dukkan.platform.JobType;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A job type for tests: counts its runs per key and fails while its key is marked failing. */
@Configuration(proxyBeanMethods = false)
public class TestJobs {

    public record Work(String key) {}

    public static final JobType<Work> COUNTED = new JobType<>(
            "test-counted",
            Work.class,
            JobQueue.DEFAULT,
            new RetryPolicy(3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200)));

    public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    public static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    @Bean
    Task<?> testCountedTask(JobTasks tasks) {
        return tasks.task(COUNTED, work -> {
            RUNS.computeIfAbsent(work.key(), k -> new AtomicInteger()).incrementAndGet();
            if (FAILING.contains(work.key())) {
                throw new IllegalStateException("told to fail");
            }
        });
    }
}
