package app.dukkan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The jar's commands, which run without a web server and without taking jobs. */
@ExtendWith(OutputCaptureExtension.class)
class CommandsTests {

    private static final List<String> TEST_PROFILE = List.of("--spring.profiles.active=test");

    @Test
    void seedTopsTheCatalogUpWithProductsVariantsAndImages() {
        try (ConfigurableApplicationContext context =
                DukkanApplication.startCommand(TEST_PROFILE, "--dukkan.seed.products=40")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(count(jdbc, "select count(*) from products where status = 'active'"))
                    .isEqualTo(40);
            assertThat(count(jdbc, "select count(*) from variants")).isBetween(40L, 200L);
            assertThat(count(jdbc, "select count(*) from product_media where url like '/files/products/%.svg'"))
                    .isEqualTo(40);
            assertThat(count(jdbc, """
                            select count(*) from products p
                            where min_price is distinct from (select min(price_minor) from variants v where v.product_id = p.id)
                               or in_stock <> (select bool_or(stock > 0) from variants v where v.product_id = p.id)"""))
                    .as("derived prices and stock written by the seeder match the variants")
                    .isZero();
        }
    }

    @Test
    void explainListingsPrintsThePlanOfEveryQueryPath(CapturedOutput output) {
        try (ConfigurableApplicationContext context = DukkanApplication.startCommand(
                TEST_PROFILE, "--dukkan.seed.products=30", "--dukkan.catalog.explain-listings=true")) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output.getOut())
                .contains("### newest, first page", "### two-word search with typo", "Execution Time")
                .contains("Matches:", "Page:");
    }

    @Test
    void dlqStatsAndReplayWorkFromTheJarWithoutTakingJobs() {
        try (ConfigurableApplicationContext context = DukkanApplication.startCommand(TEST_PROFILE)) {
            assertThat(context.getBean(Scheduler.class).getSchedulerState().isStarted())
                    .as("a command never runs jobs")
                    .isFalse();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            UUID first = deadLetter(jdbc, "payment-event", "a");
            deadLetter(jdbc, "payment-event", "b");
            deadLetter(jdbc, "test-counted", "c");

            Output stats = run(context, "stats");
            assertThat(stats.code()).isZero();
            assertThat(stats.out()).contains("critical", "default", "bulk", "payment-event");
            assertThat(stats.out().lines().filter(l -> l.startsWith("  payment-event")))
                    .singleElement()
                    .satisfies(line -> assertThat(line.trim().split("\\s+")).endsWith("2"));

            Output one = run(context, "replay", "--id", first.toString());
            assertThat(one.code()).isZero();
            assertThat(one.out()).contains("requeued 1");
            assertThat(run(context, "replay", "--id", first.toString()).code())
                    .as("replayed already")
                    .isEqualTo(1);
            assertThat(run(context, "replay", "--id", UUID.randomUUID().toString())
                            .code())
                    .isEqualTo(1);
            assertThat(run(context, "replay", "--task", "payment-event").out()).contains("requeued 1");
            assertThat(run(context, "replay", "--all").out()).contains("requeued 1");
            assertThat(count(jdbc, "select count(*) from job_dead_letters where requeued_at is null"))
                    .isZero();
            assertThat(count(jdbc, "select count(*) from scheduled_tasks where task_instance in ('a', 'b', 'c')"))
                    .as("scheduled for the workers, not run here")
                    .isEqualTo(3);
        }
    }

    @Test
    void dlqRefusesBadUsage() {
        assertThat(DlqCommand.parse(List.of())).isEmpty();
        assertThat(DlqCommand.parse(List.of("replay"))).isEmpty();
        assertThat(DlqCommand.parse(List.of("replay", "--id"))).isEmpty();
        assertThat(DlqCommand.parse(List.of("replay", "--id", "not-a-uuid"))).isEmpty();
        assertThat(DlqCommand.parse(List.of("replay", "--everything"))).isEmpty();
        assertThat(DlqCommand.parse(List.of("stats", "extra"))).isEmpty();
        assertThat(DlqCommand.parse(List.of("purge"))).isEmpty();
        assertThat(DlqCommand.parse(List.of("replay", "--all", "--spring.datasource.url=jdbc:x")))
                .hasValueSatisfying(action -> assertThat(action.settings()).hasSize(1));
    }

    @Test
    void commandsNeverSeedTheDemoShopUnlessTold() {
        assertThat(DukkanApplication.commandOptions(List.of("stats"), "--spring.datasource.url=jdbc:x"))
                .containsExactly(
                        "stats",
                        "--spring.datasource.url=jdbc:x",
                        "--dukkan.roles=command",
                        "--dukkan.seed.demo-products=0");
        assertThat(DukkanApplication.commandOptions(List.of("--dukkan.seed.demo-products=5", "--dukkan.roles=worker")))
                .containsExactly("--dukkan.seed.demo-products=5", "--dukkan.roles=worker");
    }

    @Test
    void jobsBenchTurnsItsOptionsIntoSettings() {
        assertThat(JobsBenchCommand.settings(List.of("--jobs", "many"))).isEmpty();
        assertThat(JobsBenchCommand.settings(List.of("--jobs", "0"))).isEmpty();
        assertThat(JobsBenchCommand.settings(List.of("--rate"))).isEmpty();
        assertThat(JobsBenchCommand.settings(List.of("--task", "Mail Order"))).isEmpty();
        assertThat(JobsBenchCommand.settings(List.of("--order", "DK-1; drop"))).isEmpty();
        assertThat(JobsBenchCommand.settings(List.of("mail"))).isEmpty();
        assertThat(JobsBenchCommand.settings(List.of("--jobs", "100", "--rate", "50")))
                .hasValueSatisfying(settings -> assertThat(settings)
                        .contains(
                                "--dukkan.jobs.bench.jobs=100",
                                "--dukkan.jobs.bench.rate=50",
                                "--dukkan.jobs.bench.enabled=true",
                                "--dukkan.jobs.bench.run=true",
                                "--dukkan.roles=worker")
                        .noneMatch(s -> s.startsWith("--dukkan.jobs.bench.task=")));
        assertThat(JobsBenchCommand.settings(List.of(
                        "--task",
                        "mail-order-confirmation",
                        "--order",
                        "DK-1001",
                        "--seconds",
                        "5",
                        "--spring.mail.host=127.0.0.1")))
                .hasValueSatisfying(settings -> assertThat(settings)
                        .contains(
                                "--dukkan.jobs.bench.task=mail-order-confirmation",
                                "--dukkan.jobs.bench.order=DK-1001",
                                "--dukkan.jobs.bench.seconds=5",
                                "--spring.mail.host=127.0.0.1"));
        assertThat(JobsBenchCommand.USAGE).contains("--task", "--order", "--jobs", "--rate", "--seconds");
    }

    private record Output(int code, String out, String err) {}

    private static Output run(ConfigurableApplicationContext context, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DlqCommand.run(
                context,
                DlqCommand.parse(List.of(args)).orElseThrow(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static UUID deadLetter(JdbcClient jdbc, String task, String key) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into job_dead_letters (id, task_name, task_instance, queue, priority, payload, last_error,
                            attempts, enqueued_at, failed_at)
                        values (?, ?, ?, 'critical', 30, '{}'::jsonb, 'boom', 25, now(), now())""").params(id, task, key).update();
        return id;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
