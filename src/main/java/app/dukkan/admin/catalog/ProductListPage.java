package app.dukkan.admin.catalog;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.Pager;
import app.dukkan.catalog.CategoryConsole;
import app.dukkan.catalog.ProductConsole;
import app.dukkan.catalog.ProductConsole.Filter;
import app.dukkan.catalog.ProductConsole.Sort;
import app.dukkan.catalog.ProductConsole.StockFilter;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserQuery;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The products an operator may edit (admins: all, sellers: their own): search by name, SKU or
 * slug, filters for status, category, seller (admins) and stock, sortable columns, a page at a
 * time; all in the URL. The same filters lead to the CSV export and the bulk edit.
 */
@Controller
class ProductListPage {

    static final int PAGE_SIZE = 25;

    /** The filter form as typed. */
    record Filters(
            @Nullable String q,
            @Nullable String status,
            @Nullable String category,
            @Nullable String seller,
            @Nullable String stock,
            @Nullable String sort,
            @Nullable Integer page) {

        /** The sort link of a column: ascending, or descending when it is sorted ascending already. */
        public String sortBy(String column) {
            String current = sort == null || sort.isBlank() ? "-updated" : sort;
            return current.equals(column) ? "-" + column : column;
        }

        /** aria-sort of a column header. */
        public String ariaSort(String column) {
            String current = sort == null || sort.isBlank() ? "-updated" : sort;
            if (current.equals(column)) {
                return "ascending";
            }
            return current.equals("-" + column) ? "descending" : "none";
        }
    }

    /** A filtered list as the page, the bulk edit and the export read it. */
    record Parsed(Filter filter, Map<String, String> errors) {}

    private final ProductConsole products;
    private final CategoryConsole categories;
    private final UserAdministration users;
    private final CurrentUser currentUser;

    ProductListPage(
            ProductConsole products, CategoryConsole categories, UserAdministration users, CurrentUser currentUser) {
        this.products = products;
        this.categories = categories;
        this.users = users;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/products")
    String list(
            @ModelAttribute("filters") Filters filters,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        AuthenticatedUser actor = currentUser.require();
        Parsed parsed = parse(filters, PAGE_SIZE);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.catalog.nav.products", null)));
        model.addAttribute("errors", parsed.errors());
        model.addAttribute("categories", categories.tree());
        Map<UUID, String> sellers = actor.isAdmin() ? sellers() : Map.of();
        model.addAttribute("sellers", sellers);
        model.addAttribute("exportStatus", parsed.errors().containsKey("status") ? null : text(filters.status()));
        if (!parsed.errors().isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("rows", null);
            return "admin/products";
        }
        ProductConsole.Page page;
        try {
            page = products.search(actor, parsed.filter());
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            e.errors().forEach(error -> parsed.errors().put(error.field(), "console.catalog.error.filter"));
            model.addAttribute("rows", null);
            return "admin/products";
        }
        model.addAttribute("rows", page.items());
        Map<String, String> sortLinks = new LinkedHashMap<>();
        for (String column : List.of("name", "price", "stock", "updated")) {
            sortLinks.put(column, link(request, "/admin/products", filters.sortBy(column)));
        }
        model.addAttribute("sortLinks", sortLinks);
        // the same filters from the first page: the bulk form's pages hold fewer products
        model.addAttribute(
                "bulkLink",
                UriComponentsBuilder.fromPath("/admin/products/bulk")
                        .query(request.getQueryString())
                        .replaceQueryParam("page")
                        .build(true)
                        .toUriString());
        model.addAttribute("pager", Pager.numbered(request, parsed.filter().page(), page.hasNext()));
        return "admin/products";
    }

    /** Sellers by id with their email (the first hundred), for the filter and the seller column. */
    private Map<UUID, String> sellers() {
        Map<UUID, String> sellers = new LinkedHashMap<>();
        for (ManagedUser user : users.search(
                        new UserQuery(null, Role.SELLER, null), 0, UserAdministration.MAX_PAGE_SIZE)
                .items()) {
            sellers.put(user.id().value(), user.email());
        }
        return sellers;
    }

    /** The filters as the catalog takes them, and the message keys of those that are not valid. */
    static Parsed parse(Filters filters, int size) {
        Map<String, String> errors = new LinkedHashMap<>();
        String status = text(filters.status());
        if (status != null && !List.of("draft", "active", "archived").contains(status)) {
            errors.put("status", "console.catalog.error.filter");
        }
        StockFilter stock = null;
        String stockText = text(filters.stock());
        if (stockText != null) {
            try {
                stock = StockFilter.valueOf(stockText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("stock", "console.catalog.error.filter");
            }
        }
        UUID seller = null;
        if (text(filters.seller()) != null) {
            try {
                seller = UUID.fromString(filters.seller().strip());
            } catch (IllegalArgumentException e) {
                errors.put("seller", "console.catalog.error.filter");
            }
        }
        String sortText = text(filters.sort()) == null ? "-updated" : text(filters.sort());
        boolean descending = sortText.startsWith("-");
        Sort sort = Sort.UPDATED;
        try {
            sort = Sort.valueOf(sortText.substring(descending ? 1 : 0).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put("sort", "console.catalog.error.filter");
        }
        String query = text(filters.q());
        if (query != null && query.length() > 200) {
            errors.put("q", "console.catalog.error.filter");
        }
        int page = filters.page() == null ? 0 : Math.max(0, Math.min(filters.page(), 100_000));
        Filter filter =
                new Filter(query, status, text(filters.category()), seller, stock, sort, descending, page, size);
        return new Parsed(filter, errors);
    }

    /** {@code path} with this request's filters, sorted by {@code sort}, from the first page. */
    private static String link(HttpServletRequest request, String path, @Nullable String sort) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).query(request.getQueryString());
        uri.replaceQueryParam("page");
        uri.replaceQueryParam("sort");
        if (sort != null) {
            uri.queryParam("sort", sort);
        }
        return uri.build(true).toUriString();
    }

    static @Nullable String text(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
