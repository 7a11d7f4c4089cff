package app.dukkan.admin;

/**
 * An entry of the console's navigation, declared as a bean by the module that serves the page.
 *
 * @param path the page's path without language prefix, e.g. {@code /admin/queues}
 * @param label the message key of its name in the navigation
 * @param adminOnly shown to admins only; otherwise sellers see it too (and the page shows them
 *     their own part)
 * @param order position in the navigation, smallest first
 */
public record ConsoleLink(String path, String label, boolean adminOnly, int order) {

    public ConsoleLink {
        if (!path.startsWith("/admin")) {
            throw new IllegalArgumentException("A console page lives under /admin: " + path);
        }
    }
}
