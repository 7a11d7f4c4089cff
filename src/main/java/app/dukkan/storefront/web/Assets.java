package app.dukkan.storefront.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * URLs of static assets with their content hash ({@code ${@assets.path('/assets/css/dukkan.css')}}),
 * the same in every language, so browsers cache each file once and forever.
 */
@Component("assets")
public class Assets {

    private final ResourceUrlProvider urls;

    Assets(ResourceUrlProvider urls) {
        this.urls = urls;
    }

    public String path(String path) {
        String versioned = urls.getForLookupPath(path);
        if (versioned == null) {
            throw new IllegalArgumentException("No asset at " + path);
        }
        return versioned;
    }
}
