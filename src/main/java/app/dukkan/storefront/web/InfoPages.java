package app.dukkan.storefront.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.View;

/** Pages of text every shop has. */
@Controller
class InfoPages {

    private static final List<Crumb> PRIVACY = List.of(Crumb.key("privacy.title", null));

    private final PageCache pages;

    InfoPages(PageCache pages) {
        this.pages = pages;
    }

    @GetMapping("/privacy")
    View privacy(Model model) {
        model.addAttribute("crumbs", PRIVACY);
        return pages.view("storefront/info/privacy");
    }
}
