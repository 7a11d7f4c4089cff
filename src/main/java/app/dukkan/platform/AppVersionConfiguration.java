package app.dukkan.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AppVersionConfiguration {

    /** The build writes META-INF/build-info.properties; an IDE run without it reports "dev". */
    @Bean
    AppVersion appVersion(ObjectProvider<BuildProperties> buildProperties) {
        BuildProperties build = buildProperties.getIfAvailable();
        return new AppVersion(build == null || build.getVersion() == null ? "dev" : build.getVersion());
    }
}
