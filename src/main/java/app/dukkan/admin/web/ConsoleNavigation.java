package app.dukkan.admin.web;

import app.dukkan.admin.ConsoleLink;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.Role;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The console's navigation for the signed-in operator, as the bean {@code console} in templates:
 * the links every module declared, those for admins only left out for sellers.
 */
@Component("console")
public class ConsoleNavigation {

    private final List<ConsoleLink> links;
    private final CurrentUser currentUser;

    ConsoleNavigation(List<ConsoleLink> links, CurrentUser currentUser) {
        this.links = links.stream()
                .sorted(Comparator.comparingInt(ConsoleLink::order).thenComparing(ConsoleLink::path))
                .toList();
        this.currentUser = currentUser;
    }

    public List<ConsoleLink> getLinks() {
        boolean admin = isAdmin();
        return links.stream().filter(link -> admin || !link.adminOnly()).toList();
    }

    /** Whether {@code link} is the section of the page at {@code path} (the dashboard only itself). */
    public boolean current(ConsoleLink link, String path) {
        return link.path().equals("/admin") ? path.equals("/admin") : path.startsWith(link.path());
    }

    public boolean isAdmin() {
        return currentUser.get().map(user -> user.has(Role.ADMIN)).orElse(false);
    }

    /** The operator's sign-in name, for the shell's header. */
    public String getOperator() {
        return currentUser.get().map(AuthenticatedUser::email).orElse("");
    }
}
