package app.dukkan.admin.catalog;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.catalog.CategoryConsole;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The category tree as a nested list: a new category (name, slug, parent), and for each one a
 * rename, a move below another (the catalog refuses its own subtree) and up/down among its
 * siblings. Refused input shows the tree again with the error beside its field (422).
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class CategoryPages {

    /** The new category's form as typed, to show it again. */
    record NewCategory(String name, String slug, String parent) {}

    private final CategoryConsole categories;

    CategoryPages(CategoryConsole categories) {
        this.categories = categories;
    }

    @GetMapping("/admin/categories")
    String tree(Model model) {
        return page(model, new NewCategory("", "", ""), new FormErrors());
    }

    @PostMapping("/admin/categories")
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String slug,
            @RequestParam(defaultValue = "") String parent,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        NewCategory form = new NewCategory(name, slug, parent);
        FormErrors errors = new FormErrors();
        UUID parentId = uuid(parent, "parent", errors);
        if (name.isBlank() || name.strip().length() > 120) {
            errors.add("name", "category-name");
        }
        return errors.submit(
                errors.isEmpty(),
                "",
                () -> {
                    CategoryConsole.Node created = categories.create(name, slug, parentId);
                    return done(redirect, "console.catalog.category.created", created.name());
                },
                response,
                () -> page(model, form, errors));
    }

    @PostMapping("/admin/categories/{id}/rename")
    String rename(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String name,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        FormErrors errors = new FormErrors();
        if (name.isBlank() || name.strip().length() > 120) {
            errors.add(id + ".name", "category-name");
        }
        return errors.submit(
                errors.isEmpty(),
                id + ".",
                () -> {
                    categories.rename(id, name);
                    return done(redirect, "console.catalog.category.renamed", name.strip());
                },
                response,
                () -> page(model, new NewCategory("", "", ""), errors));
    }

    @PostMapping("/admin/categories/{id}/move")
    String move(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String parent,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        FormErrors errors = new FormErrors();
        UUID parentId = uuid(parent, id + ".parent", errors);
        return errors.submit(
                errors.isEmpty(),
                id + ".",
                () -> {
                    categories.move(id, parentId);
                    return done(redirect, "console.catalog.category.moved", name(id));
                },
                response,
                () -> page(model, new NewCategory("", "", ""), errors));
    }

    @PostMapping("/admin/categories/{id}/reorder")
    String reorder(@PathVariable UUID id, @RequestParam String direction, RedirectAttributes redirect) {
        if (!direction.equals("up") && !direction.equals("down")) {
            throw ProblemException.invalid("direction", "up or down");
        }
        categories.reorder(id, direction.equals("up"));
        return done(redirect, "console.catalog.category.reordered", name(id));
    }

    private String name(UUID id) {
        return categories.tree().stream()
                .filter(n -> n.id().equals(id))
                .map(CategoryConsole.Node::name)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("category", id));
    }

    private static String done(RedirectAttributes redirect, String notice, String name) {
        redirect.addFlashAttribute("notice", notice);
        redirect.addFlashAttribute("noticeArgs", new Object[] {name});
        return "redirect:/admin/categories";
    }

    private String page(Model model, NewCategory form, FormErrors errors) {
        List<CategoryConsole.Node> nodes = categories.tree();
        Map<UUID, List<CategoryConsole.Node>> children = new HashMap<>();
        List<CategoryConsole.Node> roots = new ArrayList<>();
        for (CategoryConsole.Node node : nodes) {
            if (node.parentId() == null) {
                roots.add(node);
            } else {
                children.computeIfAbsent(node.parentId(), id -> new ArrayList<>())
                        .add(node);
            }
        }
        model.addAttribute("nodes", nodes);
        model.addAttribute("roots", roots);
        model.addAttribute("children", children);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", ConsoleCrumbs.of(Crumb.key("console.catalog.nav.categories", null)));
        return "admin/categories";
    }

    private static @Nullable UUID uuid(String value, String field, FormErrors errors) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(field, "parent");
            return null;
        }
    }
}
