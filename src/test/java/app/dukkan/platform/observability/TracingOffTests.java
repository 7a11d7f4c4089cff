package app.dukkan.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without an OTLP endpoint nothing is exported and nothing tries to connect. */
@DukkanTest
class TracingOffTests {

    @Autowired
    ApplicationContext context;

    @Test
    void noExporterWithoutAnEndpoint() {
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
        assertThat(context.getBeansOfType(LogRecordExporter.class)).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("OkHttp"));
    }
}
