package app.dukkan.admin.dashboard;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.ConsoleNavigation;
import app.dukkan.platform.JobQueues;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's first page: what needs an operator's eye now. */
@Controller
class DashboardPage {

    private final JobQueues queues;
    private final ConsoleNavigation console;

    DashboardPage(JobQueues queues, ConsoleNavigation console) {
        this.queues = queues;
        this.console = console;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        if (console.isAdmin()) {
            model.addAttribute("stats", queues.stats());
        }
        model.addAttribute("crumbs", ConsoleCrumbs.of());
        return "admin/dashboard";
    }
}
