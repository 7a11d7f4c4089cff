package app.dukkan.admin.users;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserPage;
import app.dukkan.identity.UserQuery;
import app.dukkan.identity.UserSort;
import app.dukkan.identity.UserStatus;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
 * Accounts: a search by email or name with role and status filters, sortable and paginated; an
 * account's page with its roles (a form), status, latest orders and consents; disabling and enabling with a
 * reason through a confirmation page. Identity does the work: it audits each change and ends the
 * account's sessions at once.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class UserPages {

    private static final int PAGE_SIZE = 25;
    private static final int ORDERS_PAGE_SIZE = 10;

    private final UserAdministration users;
    private final CustomerOrders orders;
    private final Consents consents;

    UserPages(UserAdministration users, CustomerOrders orders, Consents consents) {
        this.users = users;
        this.orders = orders;
        this.consents = consents;
    }

    /** The filters as typed, kept in the URL. */
    record Filters(String q, @Nullable Role role, @Nullable UserStatus status, UserSort sort) {}

    @GetMapping("/admin/users")
    String list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        String search = q == null ? "" : q.strip();
        if (search.codePointCount(0, search.length()) > UserAdministration.MAX_SEARCH_LENGTH) {
            errors.put("q", "console.people.users.error.search");
        }
        Filters filters = new Filters(search, role(role), status(status), UserSort.fromCode(sort == null ? "" : sort));
        int current = Math.max(0, Math.min(page, UserAdministration.MAX_PAGE));
        model.addAttribute("filters", filters);
        model.addAttribute("roles", Role.values());
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.people.nav.users", null)));
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("found", null);
            return "admin/users";
        }
        UserPage found = users.search(
                new UserQuery(search, filters.role(), filters.status(), filters.sort()), current, PAGE_SIZE);
        model.addAttribute("found", found);
        model.addAttribute("sorts", sortLinks(request, filters.sort()));
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < found.total()));
        return "admin/users";
    }

    /** A sortable column's link: the other direction when it is the current sort. */
    record SortLink(String href, @Nullable String direction) {}

    private static Map<String, SortLink> sortLinks(HttpServletRequest request, UserSort current) {
        Map<String, SortLink> links = new LinkedHashMap<>();
        links.put(
                "email",
                switch (current) {
                    case EMAIL -> new SortLink(sorted(request, UserSort.EMAIL_DESC), "ascending");
                    case EMAIL_DESC -> new SortLink(sorted(request, UserSort.EMAIL), "descending");
                    default -> new SortLink(sorted(request, UserSort.EMAIL), null);
                });
        links.put(
                "created",
                switch (current) {
                    case NEWEST -> new SortLink(sorted(request, UserSort.OLDEST), "descending");
                    case OLDEST -> new SortLink(sorted(request, UserSort.NEWEST), "ascending");
                    default -> new SortLink(sorted(request, UserSort.NEWEST), null);
                });
        return links;
    }

    private static String sorted(HttpServletRequest request, UserSort sort) {
        String path = Pager.with(request, "page", null);
        return org.springframework.web.util.UriComponentsBuilder.fromUriString(path)
                .replaceQueryParam("sort", sort.code())
                .build(true)
                .toUriString();
    }

    @GetMapping("/admin/users/{id}")
    String show(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int orders,
            HttpServletRequest request,
            Model model) {
        ManagedUser user = user(id);
        rolesForm(model, user, user.roles(), Map.of(), "");
        return page(user, orders, request, model);
    }

    @PostMapping("/admin/users/{id}/roles")
    String changeRoles(
            @PathVariable String id,
            @RequestParam(name = "roles", required = false) @Nullable List<String> roles,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        ManagedUser user = user(id);
        Set<Role> wanted = EnumSet.noneOf(Role.class);
        for (String code : roles == null ? List.<String>of() : roles) {
            Role role = role(code);
            if (role != null) {
                wanted.add(role);
            }
        }
        String why = reason == null ? "" : reason.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            errors.put("roles", "console.people.user.error.no-role");
        }
        if (why.length() > UserAdministration.MAX_REASON_LENGTH) {
            errors.put("roles-reason", "console.people.error.reason-long");
        }
        if (errors.isEmpty()) {
            try {
                users.changeRoles(user.id(), wanted, why.isEmpty() ? null : why);
                redirect.addFlashAttribute("notice", "console.people.user.roles-changed");
                redirect.addFlashAttribute("noticeArgs", new Object[] {user.email()});
                return "redirect:/admin/users/" + user.id();
            } catch (ProblemException refused) {
                if (refused.status() != HttpStatus.CONFLICT) {
                    throw refused;
                }
                errors.put("roles", "console.people.user.error." + refused.type());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        rolesForm(model, user, wanted, errors, why);
        return page(user, 0, request, model);
    }

    private String page(ManagedUser user, int ordersPage, HttpServletRequest request, Model model) {
        int current = Math.max(0, Math.min(ordersPage, 10_000));
        CustomerOrders.Page placed = orders.list(user.id(), current, ORDERS_PAGE_SIZE);
        model.addAttribute("user", user);
        model.addAttribute("orders", placed);
        model.addAttribute(
                "ordersPager",
                new Pager(
                        null,
                        current > 0 ? Pager.with(request, "orders", Integer.toString(current - 1)) : null,
                        (long) (current + 1) * ORDERS_PAGE_SIZE < placed.total()
                                ? Pager.with(request, "orders", Integer.toString(current + 1))
                                : null));
        model.addAttribute(
                "consents", consents.history(new DataSubject(user.id().value(), user.email(), null, null)));
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("crumbs", crumbs(user, null));
        return "admin/user";
    }

    private static void rolesForm(
            Model model, ManagedUser user, Set<Role> checked, Map<String, String> errors, String reason) {
        model.addAttribute("checked", checked);
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
    }

    /** The confirmation of disabling or enabling, with its reason field. */
    @GetMapping({"/admin/users/{id}/disable", "/admin/users/{id}/enable"})
    String confirm(@PathVariable String id, HttpServletRequest request, Model model) {
        ManagedUser user = user(id);
        boolean disable = request.getRequestURI().endsWith("/disable");
        return confirmation(user, disable, "", Map.of(), model);
    }

    @PostMapping("/admin/users/{id}/disable")
    String disable(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return statusChange(id, true, reason, response, model, redirect);
    }

    @PostMapping("/admin/users/{id}/enable")
    String enable(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return statusChange(id, false, reason, response, model, redirect);
    }

    private String statusChange(
            String id,
            boolean disable,
            @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        ManagedUser user = user(id);
        String why = reason == null ? "" : reason.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (why.isEmpty()) {
            errors.put("reason", "console.people.error.reason-required");
        } else if (why.length() > UserAdministration.MAX_REASON_LENGTH) {
            errors.put("reason", "console.people.error.reason-long");
        }
        if (errors.isEmpty()) {
            try {
                if (disable) {
                    users.disable(user.id(), why);
                } else {
                    users.enable(user.id(), why);
                }
                redirect.addFlashAttribute(
                        "notice", disable ? "console.people.user.disabled" : "console.people.user.enabled");
                redirect.addFlashAttribute("noticeArgs", new Object[] {user.email()});
                return "redirect:/admin/users/" + user.id();
            } catch (ProblemException refused) {
                if (refused.status() != HttpStatus.CONFLICT) {
                    throw refused;
                }
                errors.put("reason", "console.people.user.error." + refused.type());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return confirmation(user, disable, why, errors, model);
    }

    private String confirmation(
            ManagedUser user, boolean disable, String reason, Map<String, String> errors, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("disable", disable);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "crumbs", crumbs(user, disable ? "console.people.user.disable" : "console.people.user.enable"));
        return "admin/user-status";
    }

    private static List<Crumb> crumbs(ManagedUser user, @Nullable String step) {
        Crumb users = Crumb.key("console.people.nav.users", "/admin/users");
        Crumb account = Crumb.text(user.email(), step == null ? null : "/admin/users/" + user.id());
        return step == null
                ? ConsoleCrumbs.of(users, account)
                : ConsoleCrumbs.of(users, account, Crumb.key(step, null));
    }

    private ManagedUser user(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("account", id);
        }
        return users.find(new UserId(uuid)).orElseThrow(() -> ProblemException.notFound("account", id));
    }

    private static @Nullable Role role(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        for (Role role : Role.values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        return null;
    }

    private static @Nullable UserStatus status(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return UserStatus.fromCode(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
