package app.dukkan.admin.queues;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.platform.JobQueues;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The job queues: counts per queue and per task, the dead letters with their payload and last
 * error, and replaying one, a task's or all of them (those two after a confirmation).
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class QueuePages {

    private static final int PAGE_SIZE = 20;
    private static final Pattern TASK = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final JobQueues queues;

    QueuePages(JobQueues queues) {
        this.queues = queues;
    }

    @GetMapping("/admin/queues")
    String overview(
            @RequestParam(required = false) @Nullable String task,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        String filter = task(task);
        int current = Math.max(0, Math.min(page, 100_000));
        JobQueues.DeadLetterPage dead = queues.deadLetters(filter, false, current, PAGE_SIZE);
        model.addAttribute("stats", queues.stats());
        model.addAttribute("dead", dead);
        model.addAttribute("task", filter);
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < dead.total()));
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.nav.queues", null)));
        return "admin/queues";
    }

    @PostMapping("/admin/queues/dead-letters/replay")
    String replay(@RequestParam UUID id, RedirectAttributes redirect) {
        if (!queues.requeue(id)) {
            throw ProblemException.notFound("dead letter waiting for replay", id);
        }
        redirect.addFlashAttribute("notice", "console.queues.replayed-one");
        return "redirect:/admin/queues";
    }

    /** The confirmation before replaying many: how many, of which task. */
    @GetMapping("/admin/queues/dead-letters/replay-all")
    String confirmReplayAll(@RequestParam(required = false) @Nullable String task, Model model) {
        String filter = task(task);
        model.addAttribute("task", filter);
        model.addAttribute("count", queues.deadLetters(filter, false, 0, 1).total());
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.nav.queues", "/admin/queues"),
                        Crumb.key("console.queues.replay-all", null)));
        return "admin/queues-replay";
    }

    @PostMapping("/admin/queues/dead-letters/replay-all")
    String replayAll(@RequestParam(required = false) @Nullable String task, RedirectAttributes redirect) {
        int replayed = queues.requeueAll(task(task));
        redirect.addFlashAttribute("notice", "console.queues.replayed");
        redirect.addFlashAttribute("noticeArgs", new Object[] {replayed});
        return "redirect:/admin/queues";
    }

    private static @Nullable String task(@Nullable String task) {
        if (task == null || task.isBlank()) {
            return null;
        }
        if (!TASK.matcher(task.strip()).matches()) {
            throw ProblemException.invalid("task", "not a task name");
        }
        return task.strip();
    }
}
