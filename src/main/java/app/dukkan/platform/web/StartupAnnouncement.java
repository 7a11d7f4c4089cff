package app.dukkan.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the shop where to open it. */
@Component
class StartupAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(StartupAnnouncement.class);

    @EventListener
    void on(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            int port = web.getWebServer().getPort();
            String base = "http://localhost:" + port;
            log.info(
                    "Dukkan is ready. Shop: {}/ · Administrator: sign in at {}/login · API docs: {}/api/docs",
                    base,
                    base,
                    base);
        }
    }
}
