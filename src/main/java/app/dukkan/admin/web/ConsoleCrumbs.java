package app.dukkan.admin.web;

import app.dukkan.storefront.web.Crumb;
import java.util.ArrayList;
import java.util.List;

/** Breadcrumbs of a console page: the console first, then the given steps. */
public final class ConsoleCrumbs {

    private ConsoleCrumbs() {}

    public static List<Crumb> of(Crumb... steps) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(Crumb.key("console.title", "/admin"));
        crumbs.addAll(List.of(steps));
        return List.copyOf(crumbs);
    }
}
