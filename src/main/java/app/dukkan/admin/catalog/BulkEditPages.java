package app.dukkan.admin.catalog;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.catalog.CatalogTransfer.VariantChange;
import app.dukkan.catalog.ProductConsole;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Prices and stock of many variants at once: the variants of the products the list's filters show
 * (a page of them), each with editable price and stock. Only the rows that differ from what was
 * shown are sent to the catalog's bulk edit, all or nothing; refused rows are shown with their
 * errors (422) and nothing changes.
 */
@Controller
class BulkEditPages {

    private static final Pattern CHANGE = Pattern.compile("^changes\\[(\\d+)]\\.?(\\w*)$");

    /** A row of the form: the variant, what was shown, what is typed now, and its errors' keys. */
    record Row(
            String sku,
            String product,
            String name,
            String shownPrice,
            String shownStock,
            String price,
            String stock,
            Map<String, String> errors) {}

    private final ProductConsole products;
    private final CatalogTransfer transfer;
    private final CurrentUser currentUser;

    /**
     * Products per page: with at most {@link ProductConsole#MAX_VARIANTS} variants each, a page's rows
     * stay within what one save takes ({@link CatalogTransfer#MAX_BULK_CHANGES}).
     */
    static final int PAGE_SIZE = CatalogTransfer.MAX_BULK_CHANGES / ProductConsole.MAX_VARIANTS;

    BulkEditPages(ProductConsole products, CatalogTransfer transfer, CurrentUser currentUser) {
        this.products = products;
        this.transfer = transfer;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/products/bulk")
    String form(
            @ModelAttribute("filters") ProductListPage.Filters filters,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        AuthenticatedUser actor = currentUser.require();
        ProductListPage.Parsed parsed = ProductListPage.parse(filters, PAGE_SIZE);
        if (!parsed.errors().isEmpty()) {
            throw ProblemException.invalid(parsed.errors().keySet().iterator().next(), "not a filter");
        }
        ProductConsole.Page page = products.search(actor, parsed.filter());
        List<UUID> ids = page.items().stream().map(ProductConsole.Row::id).toList();
        List<Row> rows = products.variantsOf(actor, ids).stream()
                .map(v -> {
                    String price = v.price().amount().toPlainString();
                    String stock = Integer.toString(v.stock());
                    return new Row(v.sku(), v.productName(), v.name(), price, stock, price, stock, Map.of());
                })
                .toList();
        model.addAttribute("pager", Pager.numbered(request, parsed.filter().page(), page.hasNext()));
        return page(model, rows, request.getQueryString());
    }

    @PostMapping("/admin/products/bulk")
    String save(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AuthenticatedUser actor = currentUser.require();
        String[] skus = values(request, "sku");
        String[] products = values(request, "product");
        String[] names = values(request, "name");
        String[] shownPrices = values(request, "shownPrice");
        String[] shownStocks = values(request, "shownStock");
        String[] prices = values(request, "price");
        String[] stocks = values(request, "stock");
        int n = skus.length;
        if (n > CatalogTransfer.MAX_BULK_CHANGES
                || products.length != n
                || names.length != n
                || shownPrices.length != n
                || shownStocks.length != n
                || prices.length != n
                || stocks.length != n) {
            throw ProblemException.invalid("changes", "rows do not match");
        }
        List<Row> rows = new ArrayList<>();
        List<VariantChange> changes = new ArrayList<>();
        List<Integer> rowOfChange = new ArrayList<>();
        boolean invalid = false;
        for (int i = 0; i < n; i++) {
            Map<String, String> errors = new java.util.LinkedHashMap<>();
            Money price = null;
            Integer stock = null;
            if (!prices[i].strip().equals(shownPrices[i].strip())) {
                price = ProductForms.money(prices[i], this.products.currency());
                if (price == null) {
                    errors.put("price", "console.catalog.error.price");
                }
            }
            if (!stocks[i].strip().equals(shownStocks[i].strip())) {
                stock = ProductForms.integer(stocks[i]);
                if (stock == null) {
                    errors.put("stock", "console.catalog.error.stock");
                }
            }
            invalid |= !errors.isEmpty();
            if (errors.isEmpty() && (price != null || stock != null)) {
                changes.add(new VariantChange(skus[i], price, stock));
                rowOfChange.add(i);
            }
            rows.add(new Row(
                    skus[i], products[i], names[i], shownPrices[i], shownStocks[i], prices[i], stocks[i], errors));
        }
        if (!invalid && changes.isEmpty()) {
            redirect.addFlashAttribute("notice", "console.catalog.bulk.nothing");
            return "redirect:/admin/products/bulk" + back(request);
        }
        if (!invalid) {
            try {
                CatalogTransfer.BulkEditResult result = transfer.bulkEdit(actor, changes);
                redirect.addFlashAttribute("notice", "console.catalog.bulk.saved");
                redirect.addFlashAttribute("noticeArgs", new Object[] {result.changed()});
                return "redirect:/admin/products/bulk" + back(request);
            } catch (ProblemException e) {
                if (e.errors().isEmpty()) {
                    throw e;
                }
                rows = withRefusals(rows, rowOfChange, e);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("pager", null);
        model.addAttribute("filters", new ProductListPage.Filters(null, null, null, null, null, null, null));
        return page(model, rows, request.getParameter("query"));
    }

    /** The catalog's refusals (by change) on the rows they came from. */
    private static List<Row> withRefusals(List<Row> rows, List<Integer> rowOfChange, ProblemException problem) {
        List<Row> result = new ArrayList<>(rows);
        for (ProblemException.FieldProblem error : problem.errors()) {
            Matcher m = CHANGE.matcher(error.field());
            if (!m.matches() || Integer.parseInt(m.group(1)) >= rowOfChange.size()) {
                continue;
            }
            int index = rowOfChange.get(Integer.parseInt(m.group(1)));
            Row row = result.get(index);
            String field = m.group(2).equals("stock") || m.group(2).equals("price") ? m.group(2) : "sku";
            String code = error.message().contains("reserved") ? "reserved" : field.equals("sku") ? "bulk-sku" : field;
            Map<String, String> errors = new java.util.LinkedHashMap<>(row.errors());
            errors.putIfAbsent(field, "console.catalog.error." + code);
            result.set(
                    index,
                    new Row(
                            row.sku(),
                            row.product(),
                            row.name(),
                            row.shownPrice(),
                            row.shownStock(),
                            row.price(),
                            row.stock(),
                            errors));
        }
        return result;
    }

    private String page(Model model, List<Row> rows, String query) {
        model.addAttribute("rows", rows);
        model.addAttribute("query", query == null ? "" : query);
        model.addAttribute("currency", products.currency());
        model.addAttribute(
                "crumbs",
                ConsoleCrumbs.of(
                        Crumb.key("console.catalog.nav.products", "/admin/products"),
                        Crumb.key("console.catalog.bulk.title", null)));
        return "admin/products-bulk";
    }

    /** The list's filters the form came from, to return to the same page. */
    private static String back(HttpServletRequest request) {
        String query = request.getParameter("query");
        if (query == null || query.isBlank() || !query.matches("[A-Za-z0-9_.~%&=+-]{1,1000}")) {
            return "";
        }
        return "?" + query;
    }

    private static String[] values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? new String[0] : values;
    }
}
