package app.dukkan.admin.coupons;

import app.dukkan.admin.ConsoleLink;
import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.checkout.CouponAdministration;
import app.dukkan.checkout.CouponAdministration.CouponChange;
import app.dukkan.checkout.CouponAdministration.CouponDetails;
import app.dukkan.checkout.CouponAdministration.CouponSort;
import app.dukkan.orders.OrderLookup;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Coupons: the list with their use and validity, a form to create one, each coupon's page with its
 * edit form (end, cap) and the paid orders that used it, deactivation after a confirmation. Checkout
 * checks the rules and audits every change; a refused field comes back with its error.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class CouponPages {

    private static final int PAGE_SIZE = 25;

    private final CouponAdministration coupons;
    private final OrderLookup orders;
    private final Clock clock;

    CouponPages(CouponAdministration coupons, OrderLookup orders, Clock clock) {
        this.coupons = coupons;
        this.orders = orders;
        this.clock = clock;
    }

    @Bean
    static ConsoleLink couponsLink() {
        return new ConsoleLink("/admin/coupons", "console.people.nav.coupons", true, 550);
    }

    /** A sortable column's link, as on the users page. */
    record SortLink(String href, @Nullable String direction) {}

    @GetMapping("/admin/coupons")
    String list(
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        CouponSort order = CouponSort.fromCode(sort);
        int current = Math.max(0, Math.min(page, CouponAdministration.MAX_PAGE));
        CouponAdministration.CouponPage found = coupons.list(order, current, PAGE_SIZE);
        model.addAttribute("found", found);
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "sorts",
                Map.of(
                        "code",
                        new SortLink(sorted(request, CouponSort.CODE), order == CouponSort.CODE ? "ascending" : null),
                        "created",
                        new SortLink(
                                sorted(request, CouponSort.NEWEST), order == CouponSort.NEWEST ? "descending" : null)));
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < found.total()));
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.people.nav.coupons", null)));
        return "admin/coupons";
    }

    private static String sorted(HttpServletRequest request, CouponSort sort) {
        return org.springframework.web.util.UriComponentsBuilder.fromUriString(Pager.with(request, "page", null))
                .replaceQueryParam("sort", sort.code())
                .build(true)
                .toUriString();
    }

    @GetMapping("/admin/coupons/new")
    String create(Model model) {
        return form(CouponForm.empty(), Map.of(), model);
    }

    @PostMapping("/admin/coupons")
    String create(
            @ModelAttribute CouponForm form, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        CouponAdministration.NewCoupon coupon = form.toNewCoupon(coupons.currency(), errors);
        if (errors.isEmpty()) {
            try {
                CouponDetails created = coupons.create(coupon);
                redirect.addFlashAttribute("notice", "console.people.coupons.created");
                redirect.addFlashAttribute("noticeArgs", new Object[] {created.code()});
                return "redirect:/admin/coupons/" + created.code();
            } catch (ProblemException refused) {
                errors.putAll(fieldErrors(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(form, errors, model);
    }

    private String form(CouponForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("currency", coupons.currency());
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.people.nav.coupons", "/admin/coupons"),
                        Crumb.key("console.people.coupons.new", null)));
        return "admin/coupon-new";
    }

    @GetMapping("/admin/coupons/{code}")
    String show(
            @PathVariable String code,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            Model model) {
        CouponDetails coupon = coupon(code);
        return page(coupon, CouponForm.of(coupon), Map.of(), page, request, model);
    }

    @PostMapping("/admin/coupons/{code}")
    String edit(
            @PathVariable String code,
            @RequestParam(required = false) @Nullable String endsAt,
            @RequestParam(required = false) @Nullable String usageCap,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        CouponDetails coupon = coupon(code);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant end = CouponForm.instant(endsAt, "endsAt", errors);
        Integer cap = CouponForm.integer(usageCap, "usageCap", errors);
        if (errors.isEmpty()) {
            try {
                coupons.change(coupon.code(), new CouponChange(null, end, cap), null);
                redirect.addFlashAttribute("notice", "console.people.coupons.updated");
                redirect.addFlashAttribute("noticeArgs", new Object[] {coupon.code()});
                return "redirect:/admin/coupons/" + coupon.code();
            } catch (ProblemException refused) {
                errors.putAll(fieldErrors(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        CouponForm typed = CouponForm.of(coupon);
        typed = new CouponForm(
                typed.code(),
                typed.kind(),
                typed.percent(),
                typed.amount(),
                typed.minSubtotal(),
                typed.startsAt(),
                endsAt,
                usageCap,
                typed.oncePerCustomer(),
                typed.active());
        return page(coupon, typed, errors, 0, request, model);
    }

    private String page(
            CouponDetails coupon,
            CouponForm form,
            Map<String, String> errors,
            int page,
            HttpServletRequest request,
            Model model) {
        int current = Math.max(0, Math.min(page, CouponAdministration.MAX_PAGE));
        CouponAdministration.UsePage uses = coupons.uses(coupon.code(), current, PAGE_SIZE);
        Map<java.util.UUID, OrderLookup.Row> placed = orders.byIds(
                uses.items().stream().map(CouponAdministration.Use::orderId).toList());
        model.addAttribute("coupon", coupon);
        model.addAttribute("now", clock.instant());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("uses", uses);
        model.addAttribute("placed", placed);
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < uses.total()));
        model.addAttribute("crumbs", crumbs(coupon, null));
        return "admin/coupon";
    }

    @GetMapping("/admin/coupons/{code}/deactivate")
    String confirmDeactivate(@PathVariable String code, Model model) {
        CouponDetails coupon = coupon(code);
        model.addAttribute("coupon", coupon);
        model.addAttribute("reason", "");
        model.addAttribute("errors", Map.of());
        model.addAttribute("crumbs", crumbs(coupon, "console.people.coupons.deactivate"));
        return "admin/coupon-deactivate";
    }

    @PostMapping("/admin/coupons/{code}/deactivate")
    String deactivate(
            @PathVariable String code,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        CouponDetails coupon = coupon(code);
        String why = CouponForm.text(reason);
        if (why.length() > 500) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("coupon", coupon);
            model.addAttribute("reason", why);
            model.addAttribute("errors", Map.of("reason", "console.people.error.reason-long"));
            model.addAttribute("crumbs", crumbs(coupon, "console.people.coupons.deactivate"));
            return "admin/coupon-deactivate";
        }
        coupons.change(coupon.code(), new CouponChange(false, null, null), why.isEmpty() ? null : why);
        redirect.addFlashAttribute("notice", "console.people.coupons.deactivated");
        redirect.addFlashAttribute("noticeArgs", new Object[] {coupon.code()});
        return "redirect:/admin/coupons/" + coupon.code();
    }

    @PostMapping("/admin/coupons/{code}/activate")
    String activate(@PathVariable String code, RedirectAttributes redirect) {
        CouponDetails coupon = coupon(code);
        coupons.change(coupon.code(), new CouponChange(true, null, null), null);
        redirect.addFlashAttribute("notice", "console.people.coupons.activated");
        redirect.addFlashAttribute("noticeArgs", new Object[] {coupon.code()});
        return "redirect:/admin/coupons/" + coupon.code();
    }

    /** The form field and message of each field a refusal names; a taken code has its own message. */
    private static Map<String, String> fieldErrors(ProblemException refused) {
        if (refused.errors().isEmpty() || refused.status().is5xxServerError()) {
            throw refused;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (ProblemException.FieldProblem problem : refused.errors()) {
            String field = switch (problem.field().split("\\.")[0]) {
                case "code" -> "code";
                case "kind" -> "kind";
                case "percent" -> "percent";
                case "amount" -> "amount";
                case "min_subtotal" -> "minSubtotal";
                case "starts_at" -> "startsAt";
                case "ends_at" -> "endsAt";
                case "usage_cap" -> "usageCap";
                default -> throw refused;
            };
            String key = field.equals("code") && refused.status() == HttpStatus.CONFLICT
                    ? "console.people.coupons.error.code-taken"
                    : "console.people.coupons.error." + field;
            errors.putIfAbsent(field, key);
        }
        return errors;
    }

    private static List<Crumb> crumbs(CouponDetails coupon, @Nullable String step) {
        Crumb list = Crumb.key("console.people.nav.coupons", "/admin/coupons");
        Crumb one = Crumb.text(coupon.code(), step == null ? null : "/admin/coupons/" + coupon.code());
        return step == null ? ConsoleCrumbs.of(list, one) : ConsoleCrumbs.of(list, one, Crumb.key(step, null));
    }

    private CouponDetails coupon(String code) {
        if (code.length() > 32) {
            throw ProblemException.notFound("coupon", code);
        }
        return coupons.find(code).orElseThrow(() -> ProblemException.notFound("coupon", code));
    }
}
