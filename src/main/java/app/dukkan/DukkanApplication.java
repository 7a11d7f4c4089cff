package app.dukkan;

import app.dukkan.platform.startup.AheadOfTimeStart;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import org.flywaydb.core.Flyway;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class DukkanApplication {

    /**
     * Serves the shop (and runs jobs, as {@code dukkan.roles} says), or runs one of {@link
     * #COMMANDS} and exits with its code.
     */
    public static void main(String[] args) {
        OptionalInt exit = run(List.of(args), System.out, System.err);
        if (exit.isPresent()) {
            System.exit(exit.getAsInt());
        }
        SpringApplication application = new SpringApplication(DukkanApplication.class);
        application.addListeners(new AheadOfTimeStart());
        application.run(args);
    }

    private static final String MIGRATE_USAGE = """
            Usage: java -jar dukkan.jar migrate [--spring.datasource.url=…]
            Applies the pending database migrations and exits: 0 when the schema is current.
            Migrations follow expand/contract: the running version keeps working on the new schema.""";

    private static final String SEED_USAGE = """
            Usage: java -jar dukkan.jar seed <products> [--spring.datasource.url=…]
            Adds generated products (with variants and pictures) until the catalog has <products>.""";

    private static final String EXPLAIN_USAGE = """
            Usage: java -jar dukkan.jar explain-listings [--spring.datasource.url=…]
            Prints EXPLAIN ANALYZE of every listing and search query path.""";

    /**
     * Runs the command the arguments name.
     *
     * @return its exit code, or empty when the arguments mean: serve the shop
     */
    public static OptionalInt run(List<String> args, PrintStream out, PrintStream err) {
        return COMMANDS.run(args, out, err);
    }

    static final Commands COMMANDS = new Commands(List.of(
            new Commands.Command(
                    "migrate",
                    "applies the database migrations, then exits (before a new version's instances start)",
                    MIGRATE_USAGE,
                    (args, out, err) -> withSettings(args, MIGRATE_USAGE, err, settings -> {
                        try (ConfigurableApplicationContext context = startCommand(settings)) {
                            out.println("schema at version "
                                    + context.getBean(Flyway.class)
                                            .info()
                                            .current()
                                            .getVersion());
                        }
                        return 0;
                    })),
            new Commands.Command(
                    "seed", "tops the catalog up to N products (benchmarks, demos)", SEED_USAGE, (args, out, err) -> {
                        if (args.isEmpty() || !args.get(0).matches("\\d{1,7}")) {
                            err.println(SEED_USAGE);
                            return Commands.USAGE_ERROR;
                        }
                        return withSettings(
                                args.subList(1, args.size()),
                                SEED_USAGE,
                                err,
                                settings -> exit(startCommand(settings, "--dukkan.seed.products=" + args.get(0))));
                    }),
            new Commands.Command(
                    "explain-listings",
                    "prints the query plans of the catalog's listings",
                    EXPLAIN_USAGE,
                    (args, out, err) -> withSettings(
                            args,
                            EXPLAIN_USAGE,
                            err,
                            settings -> exit(startCommand(settings, "--dukkan.catalog.explain-listings=true")))),
            new Commands.Command(
                    "dlq", "shows the job queues and replays dead letters", DlqCommand.USAGE, (args, out, err) -> {
                        Optional<DlqCommand.Action> action = DlqCommand.parse(args);
                        if (action.isEmpty()) {
                            err.println(DlqCommand.USAGE);
                            return Commands.USAGE_ERROR;
                        }
                        ConfigurableApplicationContext context =
                                startCommand(action.get().settings());
                        int code = DlqCommand.run(context, action.get(), out, err);
                        SpringApplication.exit(context);
                        return code;
                    }),
            new Commands.Command(
                    "jobs-bench", "measures job throughput (a benchmark)", JobsBenchCommand.USAGE, (args, out, err) -> {
                        Optional<List<String>> settings = JobsBenchCommand.settings(args);
                        if (settings.isEmpty()) {
                            err.println(JobsBenchCommand.USAGE);
                            return Commands.USAGE_ERROR;
                        }
                        return exit(startCommand(settings.get()));
                    }),
            new Commands.Command(
                    "backup",
                    "stores an encrypted backup of the database in the file store",
                    OperationsCommands.BACKUP_USAGE,
                    OperationsCommands::backup),
            new Commands.Command(
                    "restore",
                    "restores a backup into a new, empty database and checks it",
                    OperationsCommands.RESTORE_USAGE,
                    OperationsCommands::restore),
            new Commands.Command(
                    "restore-drill",
                    "backs up, restores into a scratch database, smoke-checks a shop on it, and times it",
                    OperationsCommands.DRILL_USAGE,
                    OperationsCommands::drill),
            new Commands.Command(
                    "smoke",
                    "checks a running shop (after a deploy): probes, listing, product, cart, purchase, p95",
                    OperationsCommands.SMOKE_USAGE,
                    OperationsCommands::smoke)));

    /** Runs the command when every argument is a setting ({@code --name=value}), else prints its usage. */
    private static int withSettings(
            List<String> args, String usage, PrintStream err, ToIntFunction<List<String>> command) {
        if (!Commands.settingsOnly(args)) {
            err.println(usage);
            return Commands.USAGE_ERROR;
        }
        return command.applyAsInt(args);
    }

    /**
     * Runs the application without a web server; a command's work happens during start-up. Unless
     * told otherwise, as role {@code command}: the scheduler stays stopped, so a command never takes
     * jobs (it may still schedule them, for the workers).
     */
    public static ConfigurableApplicationContext startCommand(List<String> arguments, String... settings) {
        // the context processed ahead of time is the web server's; a command reads its configuration
        System.clearProperty(AotDetector.AOT_ENABLED);
        SpringApplication application = new SpringApplication(DukkanApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(commandOptions(arguments, settings).toArray(String[]::new));
    }

    /**
     * A command's arguments and settings, with its defaults where they say nothing: role {@code
     * command}, and no demo shop (a command run against a real shop must never seed the demo
     * catalog, community and orders, whatever the environment says).
     */
    static List<String> commandOptions(List<String> arguments, String... settings) {
        List<String> options = new ArrayList<>(arguments);
        options.addAll(List.of(settings));
        if (options.stream().noneMatch(option -> option.startsWith("--dukkan.roles="))) {
            options.add("--dukkan.roles=command");
        }
        if (options.stream().noneMatch(option -> option.startsWith("--dukkan.seed.demo-products="))) {
            options.add("--dukkan.seed.demo-products=0");
        }
        return options;
    }

    private static int exit(ConfigurableApplicationContext context) {
        return SpringApplication.exit(context);
    }
}
