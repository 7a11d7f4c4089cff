package app.dukkan.storefront.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param baseUrl the shop's public address, for canonical links, alternates, OpenGraph and sitemaps */
@ConfigurationProperties("dukkan.storefront")
public record StorefrontProperties(String baseUrl) {

    public StorefrontProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
