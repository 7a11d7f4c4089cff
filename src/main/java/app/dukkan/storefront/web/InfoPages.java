package app.dukkan.storefront.web;

import app.dukkan.platform.RetentionPurge;
import app.dukkan.privacy.Consents;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.View;

/** Pages of text every shop has. */
@Controller
class InfoPages {

    private static final List<Crumb> PRIVACY = List.of(Crumb.key("privacy.title", null));

    /** One line of the notice's retention list: {@code privacy.retention.<name>} with the days. */
    record Retention(String name, long days) {}

    private final PageCache pages;
    private final Consents consents;
    private final List<Retention> retention;

    InfoPages(PageCache pages, Consents consents, List<RetentionPurge> purges) {
        this.pages = pages;
        this.consents = consents;
        // every module's nightly purge, as configured: the notice states what the shop really does
        this.retention = purges.stream()
                .map(purge -> new Retention(purge.name(), purge.retention().toDays()))
                .sorted(Comparator.comparing(Retention::name))
                .toList();
    }

    @GetMapping("/privacy")
    View privacy(Model model) {
        model.addAttribute("crumbs", PRIVACY);
        model.addAttribute("noticeVersion", consents.noticeVersion());
        model.addAttribute("retention", retention);
        return pages.view("storefront/info/privacy");
    }
}
