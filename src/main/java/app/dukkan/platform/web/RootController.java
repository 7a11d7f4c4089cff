package app.dukkan.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Until the storefront pages exist, the site's root leads to the API documentation. */
@Controller
@Hidden
class RootController {

    @GetMapping("/")
    String root() {
        return "redirect:/api/docs";
    }
}
