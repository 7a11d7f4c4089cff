package app.dukkan.platform.storage;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves stored files; their keys change when their content does, so they may be cached long. */
@Configuration(proxyBeanMethods = false)
class FileResourceConfiguration implements WebMvcConfigurer {

    private final FilesystemFileStore store;

    FileResourceConfiguration(FilesystemFileStore store) {
        this.store = store;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(FilesystemFileStore.URL_PREFIX + "**")
                .addResourceLocations("file:" + store.root() + "/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic());
    }
}
