package app.dukkan.admin.catalog;

import app.dukkan.admin.catalog.ProductForms.ProductForm;
import app.dukkan.admin.catalog.ProductForms.ShownVariant;
import app.dukkan.admin.catalog.ProductForms.VariantForm;
import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.catalog.CategoryConsole;
import app.dukkan.catalog.ProductConsole;
import app.dukkan.catalog.ProductConsole.Product;
import app.dukkan.catalog.ProductConsole.ProductInput;
import app.dukkan.catalog.ProductConsole.Variant;
import app.dukkan.catalog.ProductConsole.VariantInput;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing a product and its variants, and archiving it after a confirmation. Every
 * form posts back to its page: refused input is shown again with an error under each field (422);
 * a change redirects with a notice. Another seller's product is a 403 (and audited by the catalog).
 */
@Controller
class ProductPages {

    private final ProductConsole products;
    private final CategoryConsole categories;
    private final CurrentUser currentUser;

    ProductPages(ProductConsole products, CategoryConsole categories, CurrentUser currentUser) {
        this.products = products;
        this.categories = categories;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/products/new")
    String newProduct(Model model) {
        return productForm(model, null, ProductForm.empty(), new FormErrors());
    }

    @PostMapping("/admin/products/new")
    String create(HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        AuthenticatedUser actor = currentUser.require();
        ProductForm form = ProductForm.read(request);
        FormErrors errors = new FormErrors();
        ProductInput input = form.toInput(errors);
        VariantInput variant =
                form.hasVariant() ? form.variant().toInput(products.currency(), "variant.", errors) : null;
        return errors.submit(
                input != null && errors.isEmpty(),
                "",
                () -> saved(
                        redirect,
                        "console.catalog.product.created",
                        input.name(),
                        products.create(actor, input, variant)),
                response,
                () -> productForm(model, null, form, errors));
    }

    @GetMapping("/admin/products/{id}")
    String edit(@PathVariable UUID id, Model model) {
        Product product = products.get(currentUser.require(), id);
        return productForm(model, product, ProductForm.of(product), new FormErrors());
    }

    @PostMapping("/admin/products/{id}")
    String update(
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        AuthenticatedUser actor = currentUser.require();
        Product product = products.get(actor, id);
        ProductForm form = ProductForm.read(request);
        FormErrors errors = new FormErrors();
        ProductInput input = form.toInput(errors);
        return errors.submit(
                input != null,
                "",
                () -> {
                    products.update(actor, id, input);
                    return saved(redirect, "console.catalog.product.saved", input.name(), id);
                },
                response,
                () -> productForm(model, product, form, errors));
    }

    @GetMapping("/admin/products/{id}/archive")
    String confirmArchive(@PathVariable UUID id, Model model) {
        Product product = products.get(currentUser.require(), id);
        model.addAttribute("product", product);
        model.addAttribute("crumbs", crumbs(product, Crumb.key("console.catalog.archive.title", null)));
        return "admin/product-archive";
    }

    @PostMapping("/admin/products/{id}/archive")
    String archive(@PathVariable UUID id, RedirectAttributes redirect) {
        AuthenticatedUser actor = currentUser.require();
        Product product = products.get(actor, id);
        products.archive(actor, id);
        return saved(redirect, "console.catalog.product.archived", product.name(), id);
    }

    @GetMapping("/admin/products/{id}/variants/new")
    String newVariant(@PathVariable UUID id, Model model) {
        Product product = products.get(currentUser.require(), id);
        return variantForm(model, product, null, VariantForm.empty(), null, new FormErrors());
    }

    @PostMapping("/admin/products/{id}/variants/new")
    String addVariant(
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        AuthenticatedUser actor = currentUser.require();
        Product product = products.get(actor, id);
        VariantForm form = VariantForm.read(request, "");
        FormErrors errors = new FormErrors();
        VariantInput input = form.toInput(products.currency(), "", errors);
        return errors.submit(
                input != null,
                "",
                () -> {
                    products.addVariant(actor, id, input);
                    return saved(redirect, "console.catalog.variant.created", input.sku(), id);
                },
                response,
                () -> variantForm(model, product, null, form, null, errors));
    }

    @GetMapping("/admin/products/{id}/variants/{variantId}")
    String editVariant(@PathVariable UUID id, @PathVariable UUID variantId, Model model) {
        Product product = products.get(currentUser.require(), id);
        Variant variant = variant(product, variantId);
        VariantForm form = VariantForm.of(variant);
        return variantForm(model, product, variant, form, ShownVariant.of(form), new FormErrors());
    }

    @PostMapping("/admin/products/{id}/variants/{variantId}")
    String updateVariant(
            @PathVariable UUID id,
            @PathVariable UUID variantId,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        AuthenticatedUser actor = currentUser.require();
        Product product = products.get(actor, id);
        Variant variant = variant(product, variantId);
        VariantForm typed = VariantForm.read(request, "");
        // the SKU is fixed once created: the form shows it, the server keeps it
        VariantForm form = new VariantForm(
                variant.sku(),
                typed.name(),
                typed.price(),
                typed.compareAt(),
                typed.stock(),
                typed.active(),
                typed.attributes());
        ShownVariant shown = ShownVariant.read(request);
        FormErrors errors = new FormErrors();
        VariantInput input = form.toInput(products.currency(), "", errors);
        return errors.submit(
                input != null,
                "",
                () -> {
                    products.updateVariant(actor, id, variantId, ShownVariant.edit(input, form, shown));
                    return saved(redirect, "console.catalog.variant.saved", variant.sku(), id);
                },
                response,
                () -> variantForm(model, product, variant, form, shown, errors));
    }

    /** Back to the product with a notice naming what was changed. */
    private static String saved(RedirectAttributes redirect, String notice, String name, UUID productId) {
        redirect.addFlashAttribute("notice", notice);
        redirect.addFlashAttribute("noticeArgs", new Object[] {name});
        return "redirect:/admin/products/" + productId;
    }

    private String productForm(Model model, @Nullable Product product, ProductForm form, FormErrors errors) {
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", categories.tree());
        model.addAttribute("currency", products.currency());
        model.addAttribute(
                "crumbs",
                product == null
                        ? ConsoleCrumbs.of(
                                Crumb.key("console.catalog.nav.products", "/admin/products"),
                                Crumb.key("console.catalog.product.new", null))
                        : ConsoleCrumbs.of(
                                Crumb.key("console.catalog.nav.products", "/admin/products"),
                                Crumb.text(product.name(), null)));
        return "admin/product-edit";
    }

    private String variantForm(
            Model model,
            Product product,
            @Nullable Variant variant,
            VariantForm form,
            @Nullable ShownVariant shown,
            FormErrors errors) {
        model.addAttribute("product", product);
        model.addAttribute("shown", shown);
        model.addAttribute("variant", variant);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("currency", products.currency());
        model.addAttribute(
                "crumbs",
                crumbs(
                        product,
                        variant == null
                                ? Crumb.key("console.catalog.variant.new", null)
                                : Crumb.text(variant.sku(), null)));
        return "admin/product-variant";
    }

    private static java.util.List<Crumb> crumbs(Product product, Crumb last) {
        return ConsoleCrumbs.of(
                Crumb.key("console.catalog.nav.products", "/admin/products"),
                Crumb.text(product.name(), "/admin/products/" + product.id()),
                last);
    }

    private static Variant variant(Product product, UUID variantId) {
        return product.variants().stream()
                .filter(v -> v.id().equals(variantId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("variant", variantId));
    }
}
