package app.dukkan.platform.images;

import javax.imageio.ImageIO;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageLimits.class)
class ImageConfiguration {

    @Bean
    ImagePipeline imagePipeline(ImageLimits limits) {
        // ImageIO finds plug-ins (WebP) through the class loader it first ran with; in the packaged
        // jar that may not be the one that sees the application's libraries
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
        return new ImagePipeline(limits);
    }
}
