package app.dukkan.admin.flags;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.storefront.web.Crumb;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Feature flags: what each switches, its state, who switched it last; a switch for each. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class FlagPages {

    private final FeatureFlags flags;
    private final CurrentUser currentUser;

    FlagPages(FeatureFlags flags, CurrentUser currentUser) {
        this.flags = flags;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/flags")
    String list(Model model) {
        model.addAttribute("flags", flags.list());
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.nav.flags", null)));
        return "admin/flags";
    }

    @PostMapping("/admin/flags/{key}")
    String set(@PathVariable String key, @RequestParam boolean enabled, RedirectAttributes redirect) {
        String by = currentUser.get().map(AuthenticatedUser::email).orElse(null);
        FeatureFlags.Flag flag = flags.set(key, enabled, by);
        redirect.addFlashAttribute(
                "notice", flag.enabled() ? "console.flags.switched-on" : "console.flags.switched-off");
        redirect.addFlashAttribute("noticeArgs", new Object[] {flag.key()});
        return "redirect:/admin/flags";
    }
}
