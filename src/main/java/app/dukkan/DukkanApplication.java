package app.dukkan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DukkanApplication {

    /**
     * Serves the shop; {@code seed N [options]} instead tops the catalog up to N products and exits.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("seed")) {
            System.exit(seed(args));
        }
        SpringApplication.run(DukkanApplication.class, args);
    }

    private static int seed(String[] args) {
        if (args.length < 2 || !args[1].matches("\\d{1,7}")) {
            System.err.println("Usage: java -jar dukkan.jar seed <products> [--spring.datasource.url=…]");
            return 2;
        }
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        options.add("--dukkan.seed.products=" + args[1]);
        SpringApplication application = new SpringApplication(DukkanApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return SpringApplication.exit(application.run(options.toArray(String[]::new)));
    }
}
