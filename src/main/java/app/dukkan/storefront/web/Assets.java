package app.dukkan.storefront.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * URLs of static assets with their content hash ({@code ${@assets.path('/assets/css/dukkan.css')}}),
 * the same in every language, so browsers cache each file once and forever.
 */
@Component("assets")
public class Assets {

    /** Absent when the application runs a command without a web server. */
    private final ObjectProvider<ResourceUrlProvider> urls;

    Assets(ObjectProvider<ResourceUrlProvider> urls) {
        this.urls = urls;
    }

    public String path(String path) {
        String versioned = urls.getObject().getForLookupPath(path);
        if (versioned == null) {
            throw new IllegalArgumentException("No asset at " + path);
        }
        return versioned;
    }
}
