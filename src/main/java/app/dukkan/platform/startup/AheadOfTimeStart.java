package app.dukkan.platform.startup;

import app.dukkan.platform.StartupRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Condition;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Starts the shop from the application context Spring processed ahead of time at build (the
 * {@code process-aot} step of the jar's build) when this start's settings allow it.
 *
 * <p>Such a context skips the reading of the configuration classes, a third of a start, but it was
 * frozen with the build's settings: which beans exist (embedded or external database, Stripe or the
 * test provider, SMTP or the development mailbox, S3 or the file system, a management port, tracing
 * export, roles, profiles) was decided then. While the build processes the context, every setting
 * a condition looks up is noted; the build records the state of each, and of {@link
 * #DECIDING_SETTINGS}, in {@link #SHAPE_RESOURCE}. A start from the packaged jar whose settings are in the same state uses
 * the processed context; any other start reads the configuration as usual and names the settings
 * that differ. {@code -Dspring.aot.enabled=true} demands the processed context (a start whose
 * settings differ is refused); {@code -Dspring.aot.enabled=false} never uses it.
 */
public final class AheadOfTimeStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String SHAPE_RESOURCE = "META-INF/dukkan/aot-shape.properties";

    /**
     * Settings recorded whatever the build looked up: those whose presence decides this shop's own
     * beans, and Spring Boot's that decide the management server and tracing export.
     */
    static final List<String> DECIDING_SETTINGS = List.of(
            "spring.datasource.url",
            "spring.mail.host",
            "spring.mail.jndi-name",
            "dukkan.payments.stripe.secret-key",
            "dukkan.payments.test-provider.enabled",
            "dukkan.storage.s3.bucket",
            "dukkan.roles",
            "sentry.dsn",
            "management.server.port",
            "management.opentelemetry.tracing.export.otlp.endpoint");

    /**
     * Looked up by a condition, but deciding nothing here: the web server's port is compared with
     * the management port's, which is recorded, and differs from one instance to the next.
     */
    private static final Set<String> NOT_DECIDING = Set.of("server.port");

    /**
     * Settings that decide by being set, whatever their value (a real key at run time, a placeholder
     * at build): recorded as absent, blank or set. Every other setting is recorded by a digest of its
     * value, so that no value, secret or not, is written into the jar.
     */
    private static final Pattern BY_PRESENCE =
            Pattern.compile("\\.url$|\\.host$|\\.jndi-name$|\\.bucket$|\\.dsn$|\\.endpoint$|secret|password|key|token");

    /** Names as the configuration files spell them; an environment variable's name is looked up only for a placeholder. */
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z0-9][a-z0-9.\\-\\[\\]]*");

    private static final String PROFILES = "spring.profiles.active";

    private static final Logger log = LoggerFactory.getLogger(AheadOfTimeStart.class);

    /** The state of each of the named settings in this environment. */
    static Map<String, String> shape(Environment environment, Collection<String> names) {
        Map<String, String> shape = new TreeMap<>();
        for (String name : names) {
            if (SETTING_NAME.matcher(name).matches()) {
                shape.put(name, state(name, environment.getProperty(name)));
            }
        }
        shape.put(PROFILES, String.join(",", environment.getActiveProfiles()));
        return shape;
    }

    private static String state(String name, @Nullable String value) {
        if (value == null) {
            return "absent";
        }
        if (value.isBlank()) {
            return "blank";
        }
        if (BY_PRESENCE.matcher(name).find()) {
            return "set";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the settings on which the two shapes disagree. */
    static List<String> differences(Map<String, String> built, Map<String, String> now) {
        return built.keySet().stream()
                .filter(name -> !built.get(name).equals(now.get(name)))
                .toList();
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            event.getEnvironment().getPropertySources().addFirst(new Lookups());
            return;
        }
        ClassLoader classLoader = event.getSpringApplication().getClassLoader();
        URL recorded = classLoader.getResource(SHAPE_RESOURCE);
        String demanded = System.getProperty(AotDetector.AOT_ENABLED);
        boolean demandedOn = Boolean.parseBoolean(demanded);
        // classes outside a jar (an IDE, spring-boot:run) may be compiled after the processing: only
        // a demand makes them use it
        if (recorded == null || "false".equalsIgnoreCase(demanded) || !(demandedOn || fromPackagedJar(recorded))) {
            return;
        }
        Map<String, String> built = read(recorded);
        List<String> differences = differences(built, shape(event.getEnvironment(), built.keySet()));
        if (demandedOn) {
            if (!differences.isEmpty()) {
                throw new StartupRefusedException(
                        "The application context processed ahead of time was built for other settings than"
                                + " this start's: " + String.join(", ", differences) + ".",
                        "Start with the settings the jar was built for, or without -D"
                                + AotDetector.AOT_ENABLED + "=true (the shop then reads its configuration"
                                + " as usual).");
            }
            return;
        }
        if (differences.isEmpty()) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
            log.info("Starting from the application context processed ahead of time at build");
        } else {
            log.info(
                    "Starting without the application context processed ahead of time: it was built for other"
                            + " settings of {}",
                    String.join(", ", differences));
        }
    }

    /** After the configuration files are read, and after the logging system is set up. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static boolean fromPackagedJar(URL resource) {
        return resource.getProtocol().equals("jar");
    }

    private static Map<String, String> read(URL resource) {
        Properties properties = new Properties();
        try (InputStream in = resource.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> shape = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> shape.put(name, properties.getProperty(name)));
        return shape;
    }

    static String write(Map<String, String> shape) {
        Properties properties = new Properties();
        properties.putAll(shape);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // without the date line store() begins with: the same build, the same file
        return out.toString()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * Notes every setting a condition looks up while the build processes the context (and answers
     * none): the settings that decided which beans exist.
     */
    static final class Lookups extends PropertySource<Set<String>> {

        static final String NAME = "dukkanAheadOfTimeLookups";

        private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

        Lookups() {
            super(NAME, ConcurrentHashMap.newKeySet());
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (!NOT_DECIDING.contains(name) && STACK.walk(frames -> frames.anyMatch(Lookups::inCondition))) {
                getSource().add(name);
            }
            return null;
        }

        private static boolean inCondition(StackWalker.StackFrame frame) {
            return Condition.class.isAssignableFrom(frame.getDeclaringClass());
        }
    }

    /**
     * Records the state of the settings the build looked up beside the processed context
     * (registered in {@code META-INF/spring/aot.factories}; runs only while the build processes it).
     */
    static final class Recorder implements BeanFactoryInitializationAotProcessor {

        @Override
        public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
                ConfigurableListableBeanFactory beanFactory) {
            if (beanFactory.getParentBeanFactory() != null) {
                // a child context (the management server's on a port of its own) shares the
                // settings of the application's, which records them
                return null;
            }
            ConfigurableEnvironment environment = beanFactory.getBean(
                    ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, ConfigurableEnvironment.class);
            Set<String> names = new TreeSet<>(DECIDING_SETTINGS);
            if (environment.getPropertySources().remove(Lookups.NAME) instanceof Lookups lookups) {
                names.addAll(lookups.getSource());
            }
            String recorded = write(shape(environment, names));
            return (generationContext, code) ->
                    generationContext.getGeneratedFiles().addResourceFile(SHAPE_RESOURCE, recorded);
        }
    }
}
