package app.dukkan.loyalty.points;

import app.dukkan.identity.UserId;
import app.dukkan.loyalty.Loyalty;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class LoyaltyStatements implements Loyalty {

    private final JdbcClient jdbc;

    LoyaltyStatements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Statement statement(UserId userId, int page, int size) {
        UUID user = userId.value();
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
        return new Statement(balance, current, next, new History(items, page, size, total));
    }
}
