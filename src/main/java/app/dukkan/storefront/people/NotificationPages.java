package app.dukkan.storefront.people;

import app.dukkan.community.Notifications;
import app.dukkan.identity.CurrentUser;
import app.dukkan.storefront.web.Crumb;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The member's notifications, newest first, and marking them all read (which the header's count follows). */
@Controller
class NotificationPages {

    private static final int PAGE_SIZE = 30;

    private final Notifications notifications;
    private final CurrentUser currentUser;

    NotificationPages(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    @GetMapping("/notifications")
    ModelAndView list(@RequestParam(required = false) @Nullable String cursor) {
        return new ModelAndView(
                "storefront/people/notifications",
                Map.of(
                        "page",
                        notifications.list(currentUser.require().id(), cursor, PAGE_SIZE),
                        "crumbs",
                        List.of(Crumb.key("people.notifications.title", null))));
    }

    @PostMapping("/notifications/read")
    String read() {
        notifications.markRead(currentUser.require().id(), null);
        return "redirect:/notifications";
    }
}
