package app.dukkan.platform.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves public stored files; their keys change when their content does, so they may be cached
 * long. Files under {@code private/} are refused here (404): only a signed URL serves them.
 */
@Configuration(proxyBeanMethods = false)
class FileResourceConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<FilesystemFileStore> store;

    FileResourceConfiguration(ObjectProvider<FilesystemFileStore> store) {
        this.store = store;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        FilesystemFileStore files = store.getIfAvailable();
        if (files == null) {
            return; // files live in S3 and are served from there
        }
        Path privateRoot = files.privateRoot();
        registry.addResourceHandler(FilesystemFileStore.URL_PREFIX + "**")
                .addResourceLocations("file:" + files.root() + "/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
                .resourceChain(false)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected @Nullable Resource getResource(String resourcePath, Resource location)
                            throws IOException {
                        Resource resource = super.getResource(resourcePath, location);
                        if (resource != null
                                && resource.isFile()
                                && resource.getFile()
                                        .toPath()
                                        .toAbsolutePath()
                                        .normalize()
                                        .startsWith(privateRoot)) {
                            return null;
                        }
                        return resource;
                    }
                });
    }
}
