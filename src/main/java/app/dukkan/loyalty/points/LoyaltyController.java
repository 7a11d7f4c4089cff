package app.dukkan.loyalty.points;

import app.dukkan.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Loyalty", description = "Your points, badge and their history")
class LoyaltyController {

    record Badge(String code, String name, long threshold) {}

    record NextBadge(String code, String name, long threshold, long pointsToGo) {}

    record Entry(String kind, long points, long balanceAfter, String orderNumber, Instant createdAt) {}

    record History(List<Entry> items, int page, int size, long total) {}

    record LoyaltyView(long balance, Badge badge, @Nullable NextBadge nextBadge, History history) {}

    private final CurrentUser currentUser;
    private final JdbcClient jdbc;

    LoyaltyController(CurrentUser currentUser, JdbcClient jdbc) {
        this.currentUser = currentUser;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/me/loyalty")
    @Operation(
            summary = "Show your loyalty points",
            description = "Balance, current badge, the next badge with the points still to go, and the history of"
                    + " credits and reversals, newest first.")
    LoyaltyView get(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        UUID user = currentUser.require().id().value();
        long balance = jdbc.sql("select balance from loyalty_accounts where user_id = ?")
                .param(user)
                .query(Long.class)
                .optional()
                .orElse(0L);
        List<Badge> badges = jdbc.sql("select code, name, threshold from loyalty_badges order by threshold")
                .query((rs, n) -> new Badge(rs.getString("code"), rs.getString("name"), rs.getLong("threshold")))
                .list();
        Badge current = badges.get(0);
        NextBadge next = null;
        for (Badge badge : badges) {
            if (badge.threshold() <= balance) {
                current = badge;
            } else {
                next = new NextBadge(badge.code(), badge.name(), badge.threshold(), badge.threshold() - balance);
                break;
            }
        }
        List<Entry> items = jdbc.sql("""
                        select kind, points, balance_after, order_number, created_at from loyalty_entries
                        where user_id = ? order by created_at desc, id desc limit ? offset ?
                        """)
                .params(user, size, (long) page * size)
                .query((rs, n) -> new Entry(
                        rs.getString("kind"),
                        rs.getLong("points"),
                        rs.getLong("balance_after"),
                        rs.getString("order_number"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        long total = jdbc.sql("select count(*) from loyalty_entries where user_id = ?")
                .param(user)
                .query(Long.class)
                .single();
        return new LoyaltyView(balance, current, next, new History(items, page, size, total));
    }
}
