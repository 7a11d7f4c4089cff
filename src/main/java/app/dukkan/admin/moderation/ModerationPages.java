package app.dukkan.admin.moderation;

import app.dukkan.admin.ConsoleLink;
import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ModerationQueue;
import app.dukkan.moderation.ModerationQueue.Entry;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The moderation queue: open (or resolved) entries filtered by kind, each entry's page with its
 * reports and the actions; restoring and warning are forms on the entry's page, removing and
 * disabling the author go through a confirmation page. Every action needs a reason.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ModerationPages {

    private static final int PAGE_SIZE = 20;

    /** Actions confirmed on a page of their own. */
    private static final List<String> CONFIRMED = List.of("remove", "disable-author");

    private final ModerationQueue queue;
    private final UserAdministration users;

    ModerationPages(ModerationQueue queue, UserAdministration users) {
        this.queue = queue;
        this.users = users;
    }

    @Bean
    static ConsoleLink moderationLink() {
        return new ConsoleLink("/admin/moderation", "console.moderation.nav", true, 580);
    }

    @GetMapping("/admin/moderation")
    String list(
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String cursor,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        ModerationQueue.Page page;
        try {
            page = queue.find(state, kind, cursor, PAGE_SIZE);
        } catch (ProblemException refused) {
            if (refused.status() != HttpStatus.BAD_REQUEST || refused.errors().isEmpty()) {
                throw refused;
            }
            String field = refused.errors().get(0).field();
            errors.put(field, "console.moderation.error." + field);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            page = new ModerationQueue.Page(List.of(), null);
        }
        model.addAttribute("page", page);
        model.addAttribute("authors", authors(page.items()));
        model.addAttribute("state", state == null ? "open" : state);
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("errors", errors);
        model.addAttribute("pager", Pager.cursor(request, page.next()));
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.moderation.nav", null)));
        return "admin/moderation";
    }

    /** The page's authors by id, named in one query. */
    private Map<UUID, ManagedUser> authors(List<Entry> entries) {
        Map<UUID, ManagedUser> byId = new HashMap<>();
        users.find(entries.stream().map(entry -> new UserId(entry.authorId())).collect(Collectors.toSet()))
                .forEach((id, user) -> byId.put(id.value(), user));
        return byId;
    }

    @GetMapping("/admin/moderation/items/{id}")
    String entry(@PathVariable UUID id, Model model) {
        return entryPage(entry(id), Map.of(), null, "", model, "");
    }

    @PostMapping("/admin/moderation/items/{id}/{action}")
    String act(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Entry entry = entry(id);
        if (!ModerationQueue.ACTIONS.contains(action)) {
            throw ProblemException.notFound("action", action);
        }
        String why = reason == null ? "" : reason.strip();
        String error = why.isEmpty()
                ? "console.moderation.error.reason"
                : why.length() > ModerationQueue.MAX_REASON ? "console.moderation.error.reason-long" : null;
        String problem = null;
        if (error == null) {
            try {
                queue.act(id, action, why);
                redirect.addFlashAttribute("notice", "console.moderation.done." + action);
                return "redirect:/admin/moderation/items/" + id;
            } catch (ProblemException refused) {
                if (refused.status() != HttpStatus.CONFLICT) {
                    throw refused;
                }
                problem = refused.type().equals("entry-resolved")
                        ? "console.moderation.error.resolved"
                        : "console.moderation.error.author";
                response.setStatus(HttpStatus.CONFLICT.value());
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        Map<String, String> errors = error == null ? Map.of() : Map.of("reason", error);
        if (CONFIRMED.contains(action)) {
            return confirmPage(entry, action, why, errors, problem, model);
        }
        return entryPage(entry, errors, problem, action, model, why);
    }

    @GetMapping("/admin/moderation/items/{id}/{action}")
    String confirm(@PathVariable UUID id, @PathVariable String action, Model model) {
        if (!CONFIRMED.contains(action)) {
            throw ProblemException.notFound("page", action);
        }
        return confirmPage(entry(id), action, "", Map.of(), null, model);
    }

    private String confirmPage(
            Entry entry,
            String action,
            String reason,
            Map<String, String> errors,
            @Nullable String problem,
            Model model) {
        model.addAttribute("entry", entry);
        model.addAttribute("action", action);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        model.addAttribute("crumbs", crumbs(entry, "console.moderation.action." + action));
        return "admin/moderation-confirm";
    }

    private String entryPage(
            Entry entry,
            Map<String, String> errors,
            @Nullable String problem,
            String action,
            Model model,
            String reason) {
        model.addAttribute("entry", entry);
        model.addAttribute("author", users.find(new UserId(entry.authorId())).orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        // the form that was sent keeps its reason and error; the other starts empty
        model.addAttribute("failed", action);
        model.addAttribute("reason", reason);
        model.addAttribute("crumbs", crumbs(entry, null));
        return "admin/moderation-entry";
    }

    private static List<Crumb> crumbs(Entry entry, @Nullable String step) {
        Crumb list = Crumb.key("console.moderation.nav", "/admin/moderation");
        Crumb one = Crumb.key(
                "console.moderation.kind." + entry.kind(),
                step == null ? null : "/admin/moderation/items/" + entry.id());
        return step == null ? ConsoleCrumbs.of(list, one) : ConsoleCrumbs.of(list, one, Crumb.key(step, null));
    }

    private Entry entry(UUID id) {
        return queue.entry(id).orElseThrow(() -> ProblemException.notFound("queue entry", id));
    }
}
