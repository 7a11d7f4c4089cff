package app.dukkan.community.profile;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.UserId;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@DukkanTest
class ProfileHandlesTests {

    @LocalServerPort
    int port;

    @Autowired
    ProfileDirectory directory;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aProfileIsMadeEvenWhenEveryShortHandleOfItsNameIsTaken() {
        String email = CatalogFixtures.unique("crowd") + "@example.com";
        ApiClient api =
                new ApiClient(port).register(email, "Str0ng-Passphrase-4711").login(email, "Str0ng-Passphrase-4711");
        UserId user = new UserId(
                UUID.fromString(api.get("/api/v1/me").json().get("id").asString()));
        AccountSummary account = accounts.find(user).orElseThrow();
        List<String> candidates = ProfileDirectory.handleCandidates(account.displayName(), account.email());
        String base = candidates.get(0);

        // members choose their handles freely, so others may hold the name and all its numbered forms;
        // written in a transaction that is rolled back, so the shared database is left as it was
        ProfileDirectory.Author made = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("""
                            insert into community_profiles (user_id, handle, display_name, created_at, updated_at)
                            select gen_random_uuid(), h, 'Someone', now(), now()
                            from (select :base as h
                                  union all select :base || n from generate_series(2, 9) n
                                  union all select :base || '_' || n from generate_series(1000, 9999) n) taken
                            on conflict do nothing""").param("base", base).update();
            return directory.ensure(user);
        });

        assertThat(made.handle()).startsWith(base.substring(0, Math.min(base.length(), 19)) + "_");
        assertThat(ProfileDirectory.wellFormed(made.handle())).isTrue();
        assertThat(candidates).doesNotContain(made.handle());
    }
}
