package app.dukkan.admin.automation;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The automation pages in the console's navigation, for admins: workflows, their runs and the logs. */
@Configuration(proxyBeanMethods = false)
class AutomationLinks {

    @Bean
    ConsoleLink workflowsLink() {
        return new ConsoleLink("/admin/automation/workflows", "console.workflows.nav", true, 600);
    }

    @Bean
    ConsoleLink runsLink() {
        return new ConsoleLink("/admin/automation/runs", "console.runs.nav", true, 610);
    }

    @Bean
    ConsoleLink automationLogsLink() {
        return new ConsoleLink("/admin/automation/logs", "console.automation.nav.logs", true, 620);
    }
}
