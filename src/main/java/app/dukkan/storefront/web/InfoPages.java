package app.dukkan.storefront.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Pages of text every shop has. */
@Controller
class InfoPages {

    @GetMapping("/privacy")
    String privacy(Model model) {
        model.addAttribute("crumbs", List.of(Crumb.key("privacy.title", null)));
        return "storefront/info/privacy";
    }
}
