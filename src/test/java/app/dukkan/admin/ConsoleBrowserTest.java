package app.dukkan.admin;

import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Locale;

/**
 * A browser test of the console: an operator signed in through the login form, and the themes and
 * languages every console page is checked in.
 */
public abstract class ConsoleBrowserTest extends BrowserTest {

    /** Light and dark. */
    protected static final List<Options> THEMES =
            List.of(Options.defaults(), Options.defaults().dark());

    /** The path prefixes of the languages pages are checked in: English and Arabic. */
    protected static final List<String> LANGUAGES = List.of("", "/ar");

    /** A new browser signed in through the login form, on {@code next}. */
    protected Page signedIn(Options options, String email, String password, String next) {
        Page page = open(options);
        page.navigate("/login?next=" + next);
        page.getByLabel("Email address").first().fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();
        page.waitForURL("http://localhost:" + port + next);
        return page;
    }

    /** A new browser signed in on the console's start page. */
    protected Page signedIn(Options options, String email, String password) {
        return signedIn(options, email, password, "/admin");
    }

    /** A new browser with the fixtures' admin signed in on the console's start page. */
    protected Page signedInAdmin(Options options) {
        return signedIn(options, CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD);
    }

    /** The theme's name for screenshot files: light or dark. */
    protected static String theme(Options options) {
        return options.colorScheme().toString().toLowerCase(Locale.ROOT);
    }

    /** The language's name for screenshot files: en or ar. */
    protected static String language(String prefix) {
        return prefix.isEmpty() ? "en" : "ar";
    }
}
