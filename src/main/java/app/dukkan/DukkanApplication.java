package app.dukkan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class DukkanApplication {

    /**
     * Serves the shop. Commands instead run once without the web server and exit: {@code seed N}
     * tops the catalog up to N products; {@code explain-listings} prints the listing query plans.
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
        SpringApplication.run(DukkanApplication.class, args);
    }

    /** Runs the application without a web server; a command's work happens during start-up. */
    static ConfigurableApplicationContext startCommand(List<String> arguments, String... settings) {
        List<String> options = new ArrayList<>(arguments);
        options.addAll(List.of(settings));
        SpringApplication application = new SpringApplication(DukkanApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(options.toArray(String[]::new));
    }

    private static int exit(ConfigurableApplicationContext context) {
        return SpringApplication.exit(context);
    }
}
