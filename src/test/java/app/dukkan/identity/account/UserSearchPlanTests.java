package app.dukkan.identity.account;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.Role;
import app.dukkan.identity.UserQuery;
import app.dukkan.identity.UserStatus;
import app.dukkan.testing.DukkanTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's account search is served by the trigram indexes on the lower-cased email and
 * display name, not by reading every account. Measured on 50,000 accounts written (and analyzed) in
 * a transaction that is rolled back, so the shared database is left as it was.
 */
@DukkanTest
class UserSearchPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void searchingUsesTheTrigramIndexesOfEmailAndName() {
        List<String> plans = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                    insert into users (id, email, display_name, password_hash, enabled, created_at, updated_at)
                    select gen_random_uuid(), 'plan-' || md5(i::text) || '@example.com', 'Plan ' || md5((i * 7)::text),
                           '{noop}x', true, now() - i * interval '1 second', now()
                    from generate_series(1, 50000) i""").update();
            jdbc.sql("""
                    insert into user_roles (user_id, role)
                    select id, 'customer' from users where email like 'plan-%'""").update();
            jdbc.sql("analyze users").update();
            jdbc.sql("analyze user_roles").update();
            return List.of(
                    plan(new UserQuery("3F9A2c1", null, null)),
                    plan(new UserQuery("3f9a2c1", Role.CUSTOMER, UserStatus.ACTIVE)),
                    plan(new UserQuery("3f9a2c1", Role.SELLER, null)));
        });
        assertThat(plans.subList(0, 2))
                .allSatisfy(plan -> assertThat(plan)
                        .as(plan)
                        .contains("users_email_trgm_idx", "users_display_name_trgm_idx")
                        .doesNotContain("Seq Scan"));
        // a rare role is a better start: its index, then the search among those few accounts
        assertThat(plans.get(2)).contains("user_roles_role_idx").doesNotContain("Seq Scan");
    }

    private String plan(UserQuery query) {
        ManagedUsers.Filter filter = ManagedUsers.filter(query);
        var explain = jdbc.sql("explain " + ManagedUsers.pageSql(filter));
        for (var param : filter.params().entrySet()) {
            explain = explain.param(param.getKey(), param.getValue());
        }
        return String.join(
                "\n",
                explain.param("limit", 20)
                        .param("offset", 0L)
                        .query(String.class)
                        .list());
    }
}
