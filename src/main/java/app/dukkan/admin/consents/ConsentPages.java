package app.dukkan.admin.consents;

import app.dukkan.admin.ConsoleLink;
import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent log of one person, found by email or phone: the current state of each purpose and the
 * entries, newest first. A search that is not valid is shown next to its field.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ConsentPages {

    @Configuration(proxyBeanMethods = false)
    static class Links {

        @Bean
        ConsoleLink consentsLink() {
            return new ConsoleLink("/admin/consents", "console.consents.nav", true, 560);
        }
    }

    private final Consents consents;

    ConsentPages(Consents consents) {
        this.consents = consents;
    }

    @GetMapping("/admin/consents")
    String search(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String phone,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.consents.title", null)));
        model.addAttribute("email", email == null ? "" : email);
        model.addAttribute("phone", phone == null ? "" : phone);
        model.addAttribute("errors", errors);
        model.addAttribute("entries", null);
        boolean byEmail = email != null && !email.isBlank();
        boolean byPhone = phone != null && !phone.isBlank();
        if (!byEmail && !byPhone) {
            return "admin/consents";
        }
        if (byEmail && byPhone) {
            errors.put("email", "console.consents.error.one");
        } else {
            try {
                DataSubject subject =
                        byEmail ? new DataSubject(null, email, null, null) : new DataSubject(null, null, phone, null);
                model.addAttribute("current", consents.current(subject));
                model.addAttribute("entries", consents.history(subject));
            } catch (ProblemException refused) {
                errors.put(byEmail ? "email" : "phone", "console.consents.error." + (byEmail ? "email" : "phone"));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return "admin/consents";
    }
}
