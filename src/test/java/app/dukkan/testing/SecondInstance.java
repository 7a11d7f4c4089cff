package app.dukkan.testing;

import app.dukkan.DukkanApplication;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the shop on the database of the tests' shared context, with a web server on a
 * port of its own: what a second node behind a load balancer sees. Started on first use, once per
 * JVM, and stopped when the JVM ends.
 */
public final class SecondInstance {

    private static @Nullable ConfigurableApplicationContext context;

    private SecondInstance() {}

    /** The second instance beside the shop whose database is {@code dataSource}. */
    public static synchronized ConfigurableApplicationContext beside(DataSource dataSource) {
        if (context == null) {
            String url;
            try (Connection connection = dataSource.getConnection()) {
                url = connection.getMetaData().getURL();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            ConfigurableApplicationContext started = new SpringApplicationBuilder(DukkanApplication.class)
                    .profiles("test")
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres",
                            // the first instance runs the jobs
                            "--dukkan.roles=web");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "second-instance-stop"));
            context = started;
        }
        return context;
    }

    /** The second instance's HTTP port. */
    public static int port(DataSource dataSource) {
        return ((WebServerApplicationContext) beside(dataSource)).getWebServer().getPort();
    }
}
