package app.dukkan.admin.dashboard;

import app.dukkan.admin.web.ConsoleCrumbs;
import app.dukkan.admin.web.ConsoleNavigation;
import app.dukkan.admin.web.Pager;
import app.dukkan.catalog.LowStock;
import app.dukkan.platform.JobQueues;
import app.dukkan.platform.Money;
import app.dukkan.storefront.web.Formats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's first page: the shop's figures (a seller's own), what runs low and what needs an
 * operator's eye now. The figures part re-renders by itself ({@code /admin/dashboard/figures}, polled
 * by htmx while the tab is visible); the window is a link in the URL.
 */
@Controller
class DashboardPage {

    static final int LATEST = 10;
    static final int LOW_STOCK_PAGE = 10;

    private final Figures figures;
    private final JobQueues queues;
    private final ConsoleNavigation console;
    private final Formats formats;

    DashboardPage(Figures figures, JobQueues queues, ConsoleNavigation console, Formats formats) {
        this.figures = figures;
        this.queues = queues;
        this.console = console;
        this.formats = formats;
    }

    @GetMapping("/admin")
    String dashboard(
            @RequestParam(required = false) @Nullable String window,
            @RequestParam(defaultValue = "0") String page,
            HttpServletRequest request,
            Model model,
            Locale locale) {
        Figures.Scope scope = figures.scope();
        figuresOf(scope, window, model, locale);
        int number = page(page);
        LowStock.LowVariants low = figures.lowStock(scope, number, LOW_STOCK_PAGE);
        model.addAttribute("lowStock", low);
        model.addAttribute("threshold", figures.threshold());
        model.addAttribute(
                "lowStockPager", Pager.numbered(request, number, (long) (number + 1) * LOW_STOCK_PAGE < low.total()));
        model.addAttribute("crumbs", ConsoleCrumbs.of());
        return "admin/dashboard";
    }

    /** The live part of the dashboard alone, for htmx to swap in. */
    @GetMapping("/admin/dashboard/figures")
    String figures(
            @RequestParam(required = false) @Nullable String window,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        response.setHeader("Cache-Control", "no-store");
        figuresOf(figures.scope(), window, model, locale);
        return "admin/dashboard :: figures";
    }

    private void figuresOf(Figures.Scope scope, @Nullable String code, Model model, Locale locale) {
        Window window = Window.of(code).orElse(Window.TODAY);
        Figures.Snapshot snapshot = figures.snapshot(scope, window);
        String currency = snapshot.summary().currency();
        boolean rtl = "ar".equals(locale.getLanguage());
        model.addAttribute("window", window.code());
        model.addAttribute(
                "windows", Arrays.stream(Window.values()).map(Window::code).toList());
        model.addAttribute("summary", snapshot.summary());
        model.addAttribute("series", snapshot.series());
        model.addAttribute("funnel", snapshot.funnel());
        model.addAttribute(
                "chart",
                Chart.of(snapshot.series(), rtl, locale, minor -> formats.money(Money.ofMinor(minor, currency))));
        model.addAttribute("latest", figures.latest(scope, LATEST));
        model.addAttribute("shop", scope.shop());
        model.addAttribute("zone", figures.zone().getId());
        if (console.isAdmin()) {
            model.addAttribute("stats", queues.stats());
        }
    }

    private static int page(String page) {
        try {
            return Math.max(0, Math.min(100_000, Integer.parseInt(page)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
