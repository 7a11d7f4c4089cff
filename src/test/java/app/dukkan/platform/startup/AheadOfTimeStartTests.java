package app.dukkan.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.platform.StartupRefusedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mock.env.MockEnvironment;

/**
 * The choice between the context processed ahead of time and reading the configuration: the
 * packaged jar's recorded settings against this start's. (That the processed context serves the
 * shop is {@code AheadOfTimeStartIT}'s, on the packaged jar.)
 */
class AheadOfTimeStartTests {

    @TempDir
    Path directory;

    @AfterEach
    void forgetTheChoice() {
        System.clearProperty(AotDetector.AOT_ENABLED);
        System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
    }

    @Test
    void settingsAreRecordedByStateNeverByValue() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("dukkan.payments.stripe.secret-key", "sk_live_51HxYzSecretValue")
                .withProperty("sentry.dsn", " ")
                .withProperty("dukkan.roles", "web");
        environment.setActiveProfiles("dev");

        Map<String, String> shape = AheadOfTimeStart.shape(
                environment,
                List.of("dukkan.payments.stripe.secret-key", "sentry.dsn", "dukkan.roles", "spring.mail.host"));

        assertThat(shape)
                .containsEntry("dukkan.payments.stripe.secret-key", "set")
                .containsEntry("sentry.dsn", "blank")
                .containsEntry("spring.mail.host", "absent")
                .containsEntry("spring.profiles.active", "dev");
        assertThat(shape.get("dukkan.roles")).startsWith("sha256:").doesNotContain("web");
        assertThat(AheadOfTimeStart.write(shape)).doesNotContain("sk_live", "web\n");
        assertThat(AheadOfTimeStart.shape(environment.withProperty("dukkan.roles", "worker"), List.of("dukkan.roles")))
                .as("another value, another digest")
                .doesNotContainEntry("dukkan.roles", shape.get("dukkan.roles"));
    }

    @Test
    void aStartWithTheBuildsSettingsUsesTheProcessedContext() throws IOException {
        MockEnvironment build = new MockEnvironment().withProperty("dukkan.roles", "web");
        ClassLoader jar = jarRecording(build);

        prepare(jar, new MockEnvironment().withProperty("dukkan.roles", "web").withProperty("server.port", "9000"));

        assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
    }

    @Test
    void aStartWithOtherDecidingSettingsReadsTheConfiguration() throws IOException {
        ClassLoader jar = jarRecording(new MockEnvironment());

        prepare(jar, new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/shop"));
        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();

        MockEnvironment dev = new MockEnvironment();
        dev.setActiveProfiles("dev");
        prepare(jar, dev);
        assertThat(AotDetector.useGeneratedArtifacts())
                .as("profiles decide beans")
                .isFalse();
    }

    @Test
    void demandingTheProcessedContextWithOtherSettingsRefusesToStart() throws IOException {
        ClassLoader jar = jarRecording(new MockEnvironment());
        System.setProperty(AotDetector.AOT_ENABLED, "true");

        assertThatThrownBy(() -> prepare(jar, new MockEnvironment().withProperty("dukkan.storage.s3.bucket", "files")))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("dukkan.storage.s3.bucket")
                .hasMessageNotContaining("files");

        prepare(jar, new MockEnvironment());
        assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
    }

    @Test
    void refusingTheProcessedContextIsObeyed() throws IOException {
        ClassLoader jar = jarRecording(new MockEnvironment());
        System.setProperty(AotDetector.AOT_ENABLED, "false");

        prepare(jar, new MockEnvironment());

        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
    }

    @Test
    void classesOutsideAJarNeverUseIt() throws IOException {
        // target/classes in an IDE or spring-boot:run: compiled after the processing, perhaps
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Path recorded = classes.resolve(AheadOfTimeStart.SHAPE_RESOURCE);
        Files.createDirectories(recorded.getParent());
        Files.writeString(recorded, AheadOfTimeStart.write(shapeOf(new MockEnvironment())));

        prepare(new URLClassLoader(new URL[] {classes.toUri().toURL()}, null), new MockEnvironment());

        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
    }

    @Test
    void withoutARecordNothingChanges() {
        prepare(new URLClassLoader(new URL[0], null), new MockEnvironment());

        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
    }

    @Test
    void whileTheBuildProcessesTheContextEveryLookupOfAConditionIsNoted() {
        System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
        MockEnvironment environment = new MockEnvironment().withProperty("dukkan.roles", "web");

        prepare(new URLClassLoader(new URL[0], null), environment);
        new S3Configured().matches(environment);
        environment.getProperty("dukkan.base-url");

        AheadOfTimeStart.Lookups lookups =
                (AheadOfTimeStart.Lookups) environment.getPropertySources().get(AheadOfTimeStart.Lookups.NAME);
        assertThat(lookups.getSource())
                .as("a lookup outside a condition decides no bean")
                .containsExactly("dukkan.storage.s3.bucket");
        assertThat(environment.getProperty("dukkan.roles"))
                .as("it answers nothing")
                .isEqualTo("web");
        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
    }

    @Test
    void theBuildRecordsTheSettingsOnceForTheApplicationsContextNotForItsChildren() {
        DefaultListableBeanFactory application = new DefaultListableBeanFactory();
        application.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, new MockEnvironment());
        DefaultListableBeanFactory management = new DefaultListableBeanFactory(application);

        assertThat(new AheadOfTimeStart.Recorder().processAheadOfTime(application))
                .isNotNull();
        assertThat(new AheadOfTimeStart.Recorder().processAheadOfTime(management))
                .as("the management server's context on a port of its own")
                .isNull();
    }

    /** A condition as the shop's are: it reads a setting. */
    static final class S3Configured implements Condition {

        boolean matches(MockEnvironment environment) {
            return environment.containsProperty("dukkan.storage.s3.bucket");
        }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().containsProperty("dukkan.storage.s3.bucket");
        }
    }

    private static Map<String, String> shapeOf(MockEnvironment environment) {
        return AheadOfTimeStart.shape(environment, AheadOfTimeStart.DECIDING_SETTINGS);
    }

    /** A class loader on a jar that holds the shape the build recorded for these settings. */
    private ClassLoader jarRecording(MockEnvironment build) throws IOException {
        Path jar = directory.resolve("dukkan.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(AheadOfTimeStart.SHAPE_RESOURCE));
            out.write(AheadOfTimeStart.write(shapeOf(build)).getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    private static void prepare(ClassLoader classLoader, MockEnvironment environment) {
        SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader));
        new AheadOfTimeStart()
                .onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                        new DefaultBootstrapContext(), application, new String[0], environment));
    }
}
