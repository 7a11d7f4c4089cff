package app.dukkan.storefront.account;

import app.dukkan.identity.CurrentUser;
import app.dukkan.loyalty.Loyalty;
import app.dukkan.platform.ProblemException;
import app.dukkan.storefront.web.Crumb;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The signed-in shopper's loyalty points: balance, badge, the next badge and the history. */
@Controller
class PointsPage {

    static final int PAGE_SIZE = 20;
    private static final int MAX_PAGE = 100_000;

    private final Loyalty loyalty;
    private final CurrentUser currentUser;

    PointsPage(Loyalty loyalty, CurrentUser currentUser) {
        this.loyalty = loyalty;
        this.currentUser = currentUser;
    }

    @GetMapping("/account/points")
    ModelAndView points(@RequestParam(defaultValue = "0") int page) {
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
