package app.dukkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tests that drive the shop's pages in Debian's Chromium through Playwright, against the whole
 * application on a random port. Each test gets fresh browser contexts from {@link #open}; a page
 * that logs a console error or throws fails its test. {@link #assertAccessible} runs axe-core.
 */
@DukkanTest
public abstract class BrowserTest {

    /** Debian's Chromium, or the browser {@code -Ddukkan.chromium} names; Playwright never downloads one here. */
    protected static final Path CHROMIUM = Paths.get(System.getProperty("dukkan.chromium", "/usr/bin/chromium"));

    /**
     * Chromium's headless shell where Debian's is installed and no other browser is named: the build
     * for headless use, which takes a sixth less CPU per browser class than the full browser.
     */
    private static final Path HEADLESS_SHELL = headlessShell();

    private static Path headlessShell() {
        Path shell = Paths.get("/usr/bin/chromium-headless-shell");
        return System.getProperty("dukkan.chromium") == null && Files.isExecutable(shell) ? shell : CHROMIUM;
    }

    /**
     * How long an action or an assertion waits for the page: generous, because the tests run in two
     * JVMs on a machine that may have two cores for all of them, their databases and browsers.
     */
    private static final int ACTION_TIMEOUT_MS = 15_000;

    static {
        PlaywrightAssertions.setDefaultAssertionTimeout(ACTION_TIMEOUT_MS);
    }

    private static final boolean SCREENSHOTS = Boolean.getBoolean("dukkan.screenshots");

    private static Playwright playwright;
    private static final Map<Path, Browser> browsers = new HashMap<>();

    @LocalServerPort
    protected int port;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> consoleErrors = new ArrayList<>();

    /** How a shopper's browser is set up. */
    public record Options(boolean javaScript, ColorScheme colorScheme, String locale) {
        public static Options defaults() {
            return new Options(true, ColorScheme.LIGHT, "en-US");
        }

        public Options withoutJavaScript() {
            return new Options(false, colorScheme, locale);
        }

        public Options dark() {
            return new Options(javaScript, ColorScheme.DARK, locale);
        }
    }

    /** The browser this class's pages open in. */
    protected Path browserExecutable() {
        return HEADLESS_SHELL;
    }

    private static synchronized Browser browser(Path executable) {
        if (playwright == null) {
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browsers.values().forEach(Browser::close);
                playwright.close();
            }));
        }
        return browsers.computeIfAbsent(executable, BrowserTest::launch);
    }

    private static Browser launch(Path executable) {
        assertThat(Files.isExecutable(executable))
                .as(
                        "browser tests need Chromium at %s (Debian: apt-get install chromium chromium-headless-shell)",
                        executable)
                .isTrue();
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--disable-dev-shm-usage")));
    }

    /** A new shopper (own cookies) on a blank page. */
    protected Page open(Options options) {
        BrowserContext context = browser(browserExecutable())
                .newContext(new Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port)
                        .setJavaScriptEnabled(options.javaScript())
                        .setColorScheme(options.colorScheme())
                        .setLocale(options.locale())
                        .setViewportSize(1280, 900));
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        contexts.add(context);
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            // the browser reports an error status of the document itself (a 404 page) as a console
            // error; tests check such statuses themselves
            boolean documentStatus =
                    message.location().startsWith(page.url()) && message.text().startsWith("Failed to load resource");
            // test data names pictures under img.example.com, which does not resolve here
            boolean testPicture = message.location().startsWith("https://img.example.com/");
            if ("error".equals(message.type()) && !documentStatus && !testPicture) {
                consoleErrors.add(page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add(page.url() + ": " + error));
        return page;
    }

    protected Page open() {
        return open(Options.defaults());
    }

    /**
     * axe-core finds no violation of any impact on the page as it is now. The shop's pages embed no
     * frames, so axe runs in the page itself ("legacy mode"); the default mode merges per-frame
     * results in a second, blank browser context, which more than doubled the time of every check.
     */
    protected static void assertAccessible(Page page) {
        assertNoViolations(page, new AxeBuilder(page));
    }

    /**
     * {@link #assertAccessible} for a page checked in every theme: all of axe's rules in the light
     * theme, the rules about colours in the dark one. The themes differ only in colours (the
     * stylesheet's {@code light-dark()} values), so the other rules would find the same in both.
     */
    protected static void assertAccessible(Page page, Options options) {
        if (options.colorScheme() == ColorScheme.DARK) {
            assertNoViolations(page, new AxeBuilder(page).withRules(COLOUR_RULES));
        } else {
            assertAccessible(page);
        }
    }

    /** axe's rules that depend on the colours of the page. */
    private static final List<String> COLOUR_RULES = List.of("color-contrast", "link-in-text-block");

    private static void assertNoViolations(Page page, AxeBuilder axe) {
        AxeResults results = axe.setLegacyMode(true).analyze();
        List<Rule> violations = results.getViolations();
        assertThat(violations)
                .as("axe violations on %s:%n%s", page.url(), describe(violations))
                .isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
                .map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream()
                                .map(node -> String.valueOf(node.getTarget()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Saves a full-page screenshot under target/screenshots, to look at what a test saw, when the
     * tests run with {@code -Ddukkan.screenshots=true}. No test reads them, and each costs the browser
     * and the test a second or so of a machine that runs every test, so by default none is taken.
     */
    protected static void screenshot(Page page, String name) {
        if (SCREENSHOTS) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "screenshots", name + ".png"))
                    .setFullPage(true));
        }
    }

    @AfterEach
    void closeContextsAndCheckConsole() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        assertThat(errors).as("console errors").isEmpty();
    }
}
