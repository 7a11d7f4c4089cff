package app.dukkan.platform.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends ERROR log events, with their exception, logger and the log's context (trace id), to Sentry
 * when a DSN is set: Sentry's logback appender on the root logger, without its Spring integration.
 * Nothing about requests or users is attached ({@code sendDefaultPii} off), and Sentry records no
 * traces of its own (traces go over OTLP). WARN and ERROR lines before an event ride along as its
 * breadcrumbs. A blank DSN means off.
 */
final class SentryErrors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentryErrors.class);

    private final @Nullable SentryAppender appender;

    private SentryErrors(@Nullable SentryAppender appender) {
        this.appender = appender;
    }

    static SentryErrors attach(String dsn, String environment, String release) {
        if (dsn.isBlank()) {
            return new SentryErrors(null);
        }
        SentryOptions options = new SentryOptions();
        options.setDsn(dsn.strip());
        options.setEnvironment(environment);
        options.setRelease(release);
        options.setSendDefaultPii(false);
        options.addInAppInclude("app.dukkan");
        options.setShutdownTimeoutMillis(2_000);
        SentryAppender appender = new SentryAppender();
        appender.setName("sentry");
        appender.setOptions(options);
        appender.setMinimumEventLevel(Level.ERROR);
        appender.setMinimumBreadcrumbLevel(Level.WARN);
        appender.setContext(context());
        appender.start();
        root().addAppender(appender);
        // the DSN names the project and its key: never logged
        log.info("Errors are reported to Sentry (environment {}, release {})", environment, release);
        return new SentryErrors(appender);
    }

    /** Detaches the appender and sends what is still queued (at most two seconds). */
    @Override
    public void close() {
        if (appender != null) {
            root().detachAppender(appender);
            appender.stop();
            Sentry.close();
        }
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static ch.qos.logback.classic.Logger root() {
        return context().getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
