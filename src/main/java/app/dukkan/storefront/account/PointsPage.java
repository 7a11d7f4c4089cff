package app.dukkan.storefront.account;

import app.dukkan.identity.CurrentUser;
import app.dukkan.loyalty.Loyalty;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The signed-in shopper's loyalty points: balance, badge, the next badge and the history. With the
 * flag {@code points} off the page does not exist (points are still earned).
 */
@Controller
class PointsPage {

    static final int PAGE_SIZE = 20;
    private static final int MAX_PAGE = 100_000;

    private final Loyalty loyalty;
    private final CurrentUser currentUser;
    private final FeatureFlags flags;

    PointsPage(Loyalty loyalty, CurrentUser currentUser, FeatureFlags flags) {
        this.loyalty = loyalty;
        this.currentUser = currentUser;
        this.flags = flags;
    }

    @GetMapping("/account/points")
    ModelAndView points(@RequestParam(defaultValue = "0") int page) {
        if (!flags.isOn(Feature.POINTS)) {
            throw ProblemException.notFound("page", "/account/points");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.notFound("page", page);
        }
        Loyalty.Statement statement = loyalty.statement(currentUser.require().id(), page, PAGE_SIZE);
        ModelAndView view = new ModelAndView("storefront/account/points");
        view.addObject("statement", statement);
        view.addObject(
                "hasNext", (long) (page + 1) * PAGE_SIZE < statement.history().total());
        view.addObject(
                "crumbs", List.of(Crumb.key("account.title", "/account"), Crumb.key("account.points.title", null)));
        view.addObject("section", "points");
        return view;
    }
}
