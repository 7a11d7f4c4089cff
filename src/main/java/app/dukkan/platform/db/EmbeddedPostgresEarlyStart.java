package app.dukkan.platform.db;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Starts the embedded PostgreSQL as soon as the settings are known, when the shop will use it: the
 * server's start then runs beside the reading of the application's configuration instead of after
 * it (registered in {@code META-INF/spring.factories}, before any bean exists).
 */
class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        // the build's processing of the context ahead of time reads the settings but needs no server
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                || !new NoDatasourceUrlCondition().matches(event.getEnvironment())) {
            return;
        }
        EmbeddedPostgresProperties properties = Binder.get(event.getEnvironment())
                .bindOrCreate("dukkan.embedded-postgres", EmbeddedPostgresProperties.class);
        EmbeddedPostgresServer.startEarly(Path.of(properties.dataDirectory()), properties.ephemeral());
    }
}
