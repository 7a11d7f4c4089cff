package app.dukkan.admin.orders;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.OrderConsole;
import app.dukkan.orders.OrderStatus;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import app.dukkan.storefront.web.Formats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The orders: a searchable, sortable list (filters in the URL), an order's page with its timeline,
 * payment, lines, returns and the fulfil form, and the pages that confirm cancelling, refunding and
 * deciding a return. What an operator may see and do is the orders module's rule ({@link
 * OrderConsole}); a refused or invalid action is shown on its form.
 */
@Controller
class OrderConsolePages {

    private static final int PAGE_SIZE = 25;

    /** The list's filter form as typed. */
    record Filters(
            @Nullable String number,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String status,
            @Nullable String from,
            @Nullable String to,
            @Nullable String sort,
            @Nullable String dir) {

        /** A field's value as typed, by its name in the form. */
        public @Nullable String value(String name) {
            return switch (name) {
                case "number" -> number;
                case "email" -> email;
                case "phone" -> phone;
                case "status" -> status;
                case "from" -> from;
                case "to" -> to;
                default -> throw new IllegalArgumentException("No filter " + name);
            };
        }
    }

    /** A column heading's sort link: where it leads and how the list is sorted by it now. */
    public record SortLink(String href, @Nullable String current) {}

    private final OrderConsole orders;
    private final Formats fmt;

    OrderConsolePages(OrderConsole orders, Formats fmt) {
        this.orders = orders;
        this.fmt = fmt;
    }

    @GetMapping("/admin/orders")
    String list(
            @ModelAttribute("filters") Filters filters,
            @RequestParam(defaultValue = "0") int page,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.orders.nav", null)));
        model.addAttribute(
                "statuses",
                List.of(OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.CANCELLED, OrderStatus.REFUNDED));
        Map<String, String> errors = new LinkedHashMap<>();
        OrderConsole.Filter filter = null;
        try {
            filter = OrderConsole.Filter.parse(
                    filters.number(), filters.email(), filters.phone(), filters.status(), filters.from(), filters.to());
        } catch (ProblemException invalid) {
            invalid.errors().forEach(e -> errors.putIfAbsent(e.field(), "console.orders.error.filter." + e.field()));
        }
        OrderConsole.Sort sort = OrderConsole.Sort.PLACED;
        try {
            sort = OrderConsole.Sort.fromCode(filters.sort());
        } catch (ProblemException invalid) {
            errors.put("sort", "console.orders.error.filter.sort");
        }
        boolean descending = !"asc".equals(filters.dir());
        model.addAttribute("errors", errors);
        boolean htmx = request.getHeader("HX-Request") != null;
        if (filter == null || !errors.isEmpty()) {
            // htmx swaps a 422 (the form with its errors), not a 400
            response.setStatus(htmx ? HttpStatus.UNPROCESSABLE_CONTENT.value() : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("found", null);
            return htmx ? "admin/orders :: search" : "admin/orders";
        }
        int current = Math.max(0, Math.min(page, 100_000));
        OrderConsole.Page found = orders.search(filter, sort, descending, current, PAGE_SIZE);
        model.addAttribute("found", found);
        model.addAttribute("pager", Pager.numbered(request, current, (long) (current + 1) * PAGE_SIZE < found.total()));
        Map<String, SortLink> sorts = new LinkedHashMap<>();
        for (OrderConsole.Sort by : OrderConsole.Sort.values()) {
            boolean now = by == sort;
            // the current column flips its direction; another starts descending
            String next = now && descending ? "asc" : "desc";
            String href = UriComponentsBuilder.fromUriString(Pager.with(request, "page", null))
                    .replaceQueryParam("sort", by.code())
                    .replaceQueryParam("dir", next)
                    .build(true)
                    .toUriString();
            sorts.put(by.code(), new SortLink(href, now ? (descending ? "descending" : "ascending") : null));
        }
        model.addAttribute("sorts", sorts);
        // the API has no language prefix: the link is written as it is, not through @{…}
        String filtered = Pager.with(request, "page", null);
        int query = filtered.indexOf('?');
        model.addAttribute(
                "exportHref", "/api/v1/admin/orders/export.csv" + (query < 0 ? "" : filtered.substring(query)));
        return htmx ? "admin/orders :: search" : "admin/orders";
    }

    @GetMapping("/admin/orders/{number}")
    String detail(@PathVariable String number, Model model) {
        return detailPage(orders.detail(number), model);
    }

    private String detailPage(OrderConsole.Detail order, Model model) {
        model.addAttribute("order", order);
        model.addAttribute("crumbs", crumbs(order.number(), null));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin/order";
    }

    @PostMapping("/admin/orders/{number}/fulfil")
    String fulfil(
            @PathVariable String number,
            @RequestParam(required = false) @Nullable String carrier,
            @RequestParam(name = "tracking_number", required = false) @Nullable String trackingNumber,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            orders.fulfil(number, carrier, trackingNumber);
        } catch (ProblemException refused) {
            // a shipment is never refused for a dispute (the page warns about it above the form)
            model.addAttribute("errors", shown(refused, response, "console.orders.error.state"));
            model.addAttribute("carrier", carrier);
            model.addAttribute("trackingNumber", trackingNumber);
            return detailPage(orders.detail(number), model);
        }
        return done(number, "console.orders.fulfilled", redirect);
    }

    // --- cancel ----------------------------------------------------------------------------

    @GetMapping("/admin/orders/{number}/cancel")
    String confirmCancel(@PathVariable String number, Model model) {
        OrderConsole.Detail order = orders.detail(number);
        orders.requireAction(number, "cancel");
        model.addAttribute("order", order);
        model.addAttribute("errors", Map.of());
        model.addAttribute("crumbs", crumbs(number, "console.orders.cancel.title"));
        return "admin/order-cancel";
    }

    @PostMapping("/admin/orders/{number}/cancel")
    String cancel(
            @PathVariable String number,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            orders.cancel(number, reason == null ? "" : reason);
        } catch (ProblemException refused) {
            model.addAttribute("errors", shown(refused, response, "console.orders.cancel.disputed"));
            model.addAttribute("order", orders.detail(number));
            model.addAttribute("reason", reason);
            model.addAttribute("crumbs", crumbs(number, "console.orders.cancel.title"));
            return "admin/order-cancel";
        }
        return done(number, "console.orders.cancelled", redirect);
    }

    // --- refund ----------------------------------------------------------------------------

    @GetMapping("/admin/orders/{number}/refund")
    String refundForm(@PathVariable String number, Model model) {
        OrderConsole.Detail order = orders.detail(number);
        orders.requireAction(number, "refund");
        return refundPage(order, UUID.randomUUID().toString(), null, Map.of(), null, Map.of(), model);
    }

    private String refundPage(
            OrderConsole.Detail order,
            String requestKey,
            @Nullable String amount,
            Map<String, String> units,
            @Nullable String reason,
            Map<String, String> errors,
            Model model) {
        model.addAttribute("order", order);
        model.addAttribute("requestKey", requestKey);
        model.addAttribute("amount", amount);
        model.addAttribute("units", units);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", crumbs(order.number(), "console.orders.refund.title"));
        return "admin/order-refund";
    }

    @PostMapping("/admin/orders/{number}/refund")
    String refund(
            @PathVariable String number,
            @RequestParam Map<String, String> params,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        OrderConsole.Detail order = orders.detail(number);
        orders.requireAction(number, "refund");
        String requestKey = params.get("request_key");
        String amountText = params.get("amount");
        String reason = params.get("reason");
        Map<String, String> unitsTyped = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<UUID, Integer> units = new LinkedHashMap<>();
        for (OrderConsole.Line line : order.lines()) {
            String typed = params.get("units-" + line.id());
            if (typed == null || typed.isBlank()) {
                continue;
            }
            unitsTyped.put(line.id().toString(), typed);
            try {
                int count = Integer.parseInt(typed.strip());
                if (count < 0 || count > line.refundableQuantity()) {
                    errors.put("units-" + line.id(), "console.orders.error.units");
                } else if (count > 0) {
                    units.put(line.id(), count);
                }
            } catch (NumberFormatException e) {
                errors.put("units-" + line.id(), "console.orders.error.units");
            }
        }
        Money amount = null;
        if (amountText != null && !amountText.isBlank() && order.amounts() != null) {
            try {
                amount = Money.of(
                        new BigDecimal(amountText.strip()),
                        order.amounts().total().currency());
            } catch (IllegalArgumentException e) {
                errors.put("amount", "console.orders.error.amount");
            }
        }
        if (amount != null && !units.isEmpty()) {
            errors.put("amount", "console.orders.error.amount-or-units");
        } else if (amount == null && units.isEmpty() && !errors.containsKey("amount") && errors.isEmpty()) {
            errors.put("amount", "console.orders.error.nothing");
        }
        checkReason(reason, errors);
        if (requestKey == null || requestKey.isBlank()) {
            requestKey = UUID.randomUUID().toString();
            errors.putIfAbsent("amount", "console.orders.error.expired");
        }
        if (errors.isEmpty()) {
            try {
                OrderConsole.RefundOutcome outcome = orders.refund(number, amount, units, reason, requestKey);
                if (outcome.repeated()) {
                    return done(number, "console.orders.refund-repeated", redirect);
                }
                // written now, in the page's language, as every amount the console shows
                redirect.addFlashAttribute("noticeArgs", new Object[] {fmt.money(outcome.amount())});
                return done(number, "console.orders.refund-done", redirect);
            } catch (ProblemException refused) {
                errors.putAll(shown(refused, response, "console.orders.refund.disputed"));
                order = orders.detail(number);
                if (refused.type().equals("idempotency-key-reused")) {
                    // a form sent again after its refund was made, changed: checked anew, it may go
                    requestKey = UUID.randomUUID().toString();
                }
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return refundPage(order, requestKey, amountText, unitsTyped, reason, errors, model);
    }

    // --- returns ---------------------------------------------------------------------------

    @GetMapping("/admin/orders/{number}/returns/{id}")
    String returnForm(@PathVariable String number, @PathVariable UUID id, Model model) {
        OrderConsole.Detail order = orders.detail(number);
        orders.requireAction(number, "return");
        return returnPage(order, id, null, Map.of(), model);
    }

    private String returnPage(
            OrderConsole.Detail order, UUID id, @Nullable String reason, Map<String, String> errors, Model model) {
        CustomerOrders.Return found = order.returns().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("return", id));
        model.addAttribute("order", order);
        model.addAttribute("ret", found);
        model.addAttribute("reason", reason);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", crumbs(order.number(), "console.orders.return.title"));
        return "admin/order-return";
    }

    @PostMapping("/admin/orders/{number}/returns/{id}")
    String decideReturn(
            @PathVariable String number,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        orders.detail(number);
        orders.requireAction(number, "return");
        Map<String, String> errors = new LinkedHashMap<>();
        checkReason(reason, errors);
        if (!"accept".equals(decision) && !"reject".equals(decision)) {
            errors.put("decision", "console.orders.error.decision");
        }
        if (errors.isEmpty()) {
            try {
                if ("accept".equals(decision)) {
                    orders.acceptReturn(number, id, reason);
                    return done(number, "console.orders.return-accepted", redirect);
                }
                orders.rejectReturn(number, id, reason);
                return done(number, "console.orders.return-rejected", redirect);
            } catch (ProblemException refused) {
                errors.putAll(shown(refused, response, "console.orders.return.disputed"));
            }
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return returnPage(orders.detail(number), id, reason, errors, model);
    }

    // --- shared ----------------------------------------------------------------------------

    private static String done(String number, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/admin/orders/" + number;
    }

    private static List<Crumb> crumbs(String number, @Nullable String step) {
        Crumb list = Crumb.key("console.orders.nav", "/admin/orders");
        if (step == null) {
            return ConsoleCrumbs.of(list, Crumb.text(number, null));
        }
        return ConsoleCrumbs.of(list, Crumb.text(number, "/admin/orders/" + number), Crumb.key(step, null));
    }

    /** A reason is required and at most 500 characters. */
    private static void checkReason(@Nullable String reason, Map<String, String> errors) {
        if (reason == null || reason.isBlank()) {
            errors.put("reason", "console.orders.error.reason");
        } else if (reason.strip().length() > 500) {
            errors.put("reason", "console.orders.error.reason-length");
        }
    }

    /**
     * A refusal the form shows again: sets the answer's status and gives its messages by field, a
     * disputed payment as the page's {@code disputed} text. An unknown order or another seller's one
     * is not a form error and goes on to the error page.
     */
    private static Map<String, String> shown(ProblemException refused, HttpServletResponse response, String disputed) {
        if (refused.status() == HttpStatus.NOT_FOUND || refused.status() == HttpStatus.FORBIDDEN) {
            throw refused;
        }
        response.setStatus(statusOf(refused));
        return errors(refused, disputed);
    }

    /** 422 for input the form can fix, 409 for a state that refuses it. */
    private static int statusOf(ProblemException refused) {
        return refused.status() == HttpStatus.CONFLICT
                ? HttpStatus.CONFLICT.value()
                : HttpStatus.UNPROCESSABLE_CONTENT.value();
    }

    /**
     * The refusal as messages by field: a field the module named gets its own text, a refused state
     * the form's general one ({@code state}).
     */
    private static Map<String, String> errors(ProblemException refused, String disputed) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (refused.type().equals("payment-disputed")) {
            errors.put("state", disputed);
            return errors;
        }
        for (ProblemException.FieldProblem problem : refused.errors()) {
            String field = problem.field();
            String key = switch (field) {
                case "carrier", "tracking_number", "reason" -> "console.orders.error." + field;
                case "idempotency_key" -> "console.orders.error.expired";
                case "amount", "lines" ->
                    refused.status() == HttpStatus.CONFLICT
                            ? "console.orders.error.too-much"
                            : "console.orders.error.amount";
                default -> "console.orders.error.state";
            };
            String shownAt = switch (field) {
                case "carrier", "tracking_number", "reason", "amount" -> field;
                case "lines", "idempotency_key" -> "amount";
                default -> "state";
            };
            errors.putIfAbsent(shownAt, key);
        }
        if (errors.isEmpty()) {
            errors.put("state", "console.orders.error.state");
        }
        return errors;
    }
}
