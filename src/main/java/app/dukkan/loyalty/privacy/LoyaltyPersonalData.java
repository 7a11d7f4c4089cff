package app.dukkan.loyalty.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The member's points: balance and ledger. Points are no accounting record (the orders are), so an
 * erasure deletes the ledger and the balance, leaving only the account's id marked erased, so that
 * a later refund of one of the person's orders settles nothing for them.
 */
@Component
class LoyaltyPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ExportRows rows;

    LoyaltyPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "loyalty";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return Map.of();
        }
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account", rows.rows("""
                select balance, created_at, updated_at from loyalty_accounts where user_id = :user""", params));
        out.put("entries", rows.rows("""
                select order_number, kind, cause, points, balance_after, created_at
                from loyalty_entries where user_id = :user order by created_at, id""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        if (subject.userId() == null) {
            return;
        }
        Map<String, Object> params = subject.parameters();
        jdbc.sql("delete from loyalty_entries where user_id = :user")
                .params(params)
                .update();
        // kept as a mark, without anything of theirs: their orders stay, and a later refund of one
        // must not credit and rebuild a ledger for the person erased
        jdbc.sql("""
                        insert into loyalty_accounts (user_id, balance, created_at, updated_at, erased_at)
                        values (:user, 0, now(), now(), now())
                        on conflict (user_id) do update set balance = 0, updated_at = now(), erased_at = now()""").params(params).update();
    }
}
