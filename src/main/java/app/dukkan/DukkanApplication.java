package app.dukkan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class DukkanApplication {

    /**
     * Serves the shop (and runs jobs, as {@code dukkan.roles} says). Commands instead run once
     * without the web server and without taking jobs, and exit: {@code seed N} tops the catalog up to
     * N products; {@code explain-listings} prints the listing query plans; {@code dlq stats|replay}
     * shows the job queues and replays dead letters; {@code jobs-bench} measures job throughput.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("seed")) {
            if (args.length < 2 || !args[1].matches("\\d{1,7}")) {
                System.err.println("Usage: java -jar dukkan.jar seed <products> [--spring.datasource.url=…]");
                System.exit(2);
            }
            System.exit(exit(
                    startCommand(Arrays.asList(args).subList(2, args.length), "--dukkan.seed.products=" + args[1])));
        }
        if (args.length > 0 && args[0].equals("explain-listings")) {
            System.exit(exit(startCommand(
                    Arrays.asList(args).subList(1, args.length),
                    "--dukkan.catalog.explain-listings=true",
                    "--dukkan.seed.demo-products=0")));
        }
        if (args.length > 0 && args[0].equals("dlq")) {
            Optional<DlqCommand.Action> action =
                    DlqCommand.parse(Arrays.asList(args).subList(1, args.length));
            if (action.isEmpty()) {
                System.err.println(DlqCommand.USAGE);
                System.exit(2);
            }
            ConfigurableApplicationContext context = startCommand(action.get().settings());
            int code = DlqCommand.run(context, action.get(), System.out, System.err);
            SpringApplication.exit(context);
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("jobs-bench")) {
            Optional<List<String>> settings =
                    JobsBenchCommand.settings(Arrays.asList(args).subList(1, args.length));
            if (settings.isEmpty()) {
                System.err.println(JobsBenchCommand.USAGE);
                System.exit(2);
            }
            System.exit(exit(startCommand(settings.get())));
        }
        SpringApplication.run(DukkanApplication.class, args);
    }

    /**
     * Runs the application without a web server; a command's work happens during start-up. Unless
     * told otherwise, as role {@code command}: the scheduler stays stopped, so a command never takes
     * jobs (it may still schedule them, for the workers).
     */
    static ConfigurableApplicationContext startCommand(List<String> arguments, String... settings) {
        List<String> options = new ArrayList<>(arguments);
        options.addAll(List.of(settings));
        if (options.stream().noneMatch(option -> option.startsWith("--dukkan.roles="))) {
            options.add("--dukkan.roles=command");
        }
        SpringApplication application = new SpringApplication(DukkanApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(options.toArray(String[]::new));
    }

    private static int exit(ConfigurableApplicationContext context) {
        return SpringApplication.exit(context);
    }
}
