package app.dukkan.admin.whatsapp;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.whatsapp.Conversations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * WhatsApp in the console (admins only: conversations are customers' words): the channel's
 * settings status, conversations with a filter for failed sends, a conversation's transcript with
 * each message's delivery state, and the chat simulator, which talks to the real conversation as a
 * customer with the number the operator picks. The simulator's transcript follows new messages
 * (a payment's confirmation) with htmx; without JavaScript a link reloads it.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class WhatsAppPages {

    private static final int PAGE_SIZE = 25;
    private static final String DEFAULT_PHONE = "+4915100000001";

    private final Conversations conversations;

    WhatsAppPages(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/admin/whatsapp")
    String list(
            @RequestParam(required = false) @Nullable String phone,
            @RequestParam(required = false) @Nullable String failed,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        String search = phone == null ? "" : phone.strip();
        boolean failedOnly = "true".equals(failed);
        int current = Math.max(0, Math.min(page, 10_000));
        Conversations.Page found = conversations.list(search, failedOnly, current, PAGE_SIZE);
        model.addAttribute("phone", search);
        model.addAttribute("failedOnly", failedOnly);
        model.addAttribute("found", found);
        model.addAttribute("status", conversations.status());
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < found.total()));
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.whatsapp.nav", null)));
        return "admin/whatsapp";
    }

    @GetMapping("/admin/whatsapp/conversations/{id}")
    String conversation(@PathVariable String id, Model model) {
        Conversations.Transcript transcript;
        try {
            transcript = conversations.transcript(UUID.fromString(id)).orElse(null);
        } catch (IllegalArgumentException e) {
            transcript = null;
        }
        if (transcript == null) {
            throw ProblemException.notFound("conversation", id);
        }
        model.addAttribute("transcript", transcript);
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.whatsapp.nav", "/admin/whatsapp"),
                        Crumb.text(transcript.conversation().phone(), null)));
        return "admin/whatsapp-conversation";
    }

    @GetMapping("/admin/whatsapp/simulator")
    String simulator(
            @RequestParam(required = false) @Nullable String phone,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            HttpServletResponse response,
            Model model) {
        String number = phone == null || phone.isBlank() ? DEFAULT_PHONE : phone.strip();
        Optional<Conversations.Transcript> transcript;
        try {
            transcript = conversations.simulated(number);
        } catch (ProblemException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return simulatorPage(number, null, Map.of("phone", "console.whatsapp.simulator.error.phone"), "", model);
        }
        if (htmx != null) {
            model.addAttribute("transcript", transcript.orElse(null));
            model.addAttribute("phone", number);
            return "admin/whatsapp-parts :: simulator-transcript";
        }
        return simulatorPage(number, transcript.orElse(null), Map.of(), "", model);
    }

    /** A message as the customer: typed, or a tapped choice; then the simulator again (post, redirect, get). */
    @PostMapping("/admin/whatsapp/simulator")
    String simulate(
            @RequestParam(required = false) @Nullable String phone,
            @RequestParam(required = false) @Nullable String text,
            @RequestParam(name = "choice_id", required = false) @Nullable String choiceId,
            @RequestParam(name = "choice_title", required = false) @Nullable String choiceTitle,
            HttpServletResponse response,
            Model model) {
        String number = phone == null ? "" : phone.strip();
        try {
            conversations.simulate(number, text, choiceId, choiceTitle);
        } catch (ProblemException e) {
            if (!e.type().equals("validation")) {
                throw e;
            }
            String field = e.errors().isEmpty() ? "text" : e.errors().get(0).field();
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            Optional<Conversations.Transcript> transcript =
                    field.equals("phone") ? Optional.empty() : conversations.simulated(number);
            return simulatorPage(
                    number,
                    transcript.orElse(null),
                    Map.of(field, "console.whatsapp.simulator.error." + field),
                    text == null ? "" : text,
                    model);
        }
        // '+' must be escaped: a query's '+' reads as a space
        return "redirect:/admin/whatsapp/simulator?phone=" + URLEncoder.encode(number, StandardCharsets.UTF_8)
                + "#chat-end";
    }

    private String simulatorPage(
            String phone,
            Conversations.@Nullable Transcript transcript,
            Map<String, String> errors,
            String text,
            Model model) {
        model.addAttribute("phone", phone);
        model.addAttribute("transcript", transcript);
        model.addAttribute("errors", errors);
        model.addAttribute("text", text);
        model.addAttribute("status", conversations.status());
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.whatsapp.nav", "/admin/whatsapp"),
                        Crumb.key("console.whatsapp.simulator.title", null)));
        return "admin/whatsapp-simulator";
    }
}
