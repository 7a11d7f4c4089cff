package app.dukkan.recommendations.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The products a signed-in shopper viewed lately. (Bought-together counts are anonymous sums of
 * orders and stay.)
 */
@Component
class RecommendationPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ExportRows rows;

    RecommendationPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "recommendations";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return List.of();
        }
        return rows.rows("""
                select product_id, viewed_at from recently_viewed
                where user_id = :user order by viewed_at desc""", subject.parameters());
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        if (subject.userId() != null) {
            jdbc.sql("delete from recently_viewed where user_id = :user")
                    .params(subject.parameters())
                    .update();
        }
    }
}
