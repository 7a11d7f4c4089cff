package app.dukkan.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The previous and next links of a console table: the same path and filters, another page (a page
 * number or a cursor in {@code parameter}). Paths are without language prefix, for {@code @{…}}.
 */
public record Pager(
        @Nullable String first,
        @Nullable String previous,
        @Nullable String next) {

    /** Links to the neighbours of page {@code page} (0-based) of a numbered table. */
    public static Pager numbered(HttpServletRequest request, int page, boolean hasNext) {
        return new Pager(
                null,
                page > 0 ? with(request, "page", Integer.toString(page - 1)) : null,
                hasNext ? with(request, "page", Integer.toString(page + 1)) : null);
    }

    /** Links to the page after this one ({@code next}: its cursor) and back to the first page. */
    public static Pager cursor(HttpServletRequest request, @Nullable String next) {
        boolean later = request.getParameter("cursor") != null;
        return new Pager(
                later ? with(request, "cursor", null) : null,
                null,
                next == null ? null : with(request, "cursor", next));
    }

    /** This request's path (without language prefix) and query, with {@code parameter} set or removed. */
    public static String with(HttpServletRequest request, String parameter, @Nullable String value) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).query(request.getQueryString());
        uri.replaceQueryParam(parameter);
        if (value != null) {
            uri.queryParam(parameter, value);
        }
        return uri.build(true).toUriString();
    }
}
