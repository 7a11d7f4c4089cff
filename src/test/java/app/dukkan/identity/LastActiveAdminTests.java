package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.identity.security.AccountPrincipal;
import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The shop keeps one active administrator: two administrators disabling each other at the same
 * moment leave one of them active, and the last one can neither lose the role nor be disabled (by a
 * request that was already under way when its own account was disabled). Runs in the operator
 * context, whose first administrator it disables for a while and enables again.
 */
class LastActiveAdminTests extends OperatorContext {

    @Autowired
    UserAdministration users;

    private List<String> activeAdmins(ApiClient admin) {
        List<String> ids = new ArrayList<>();
        admin.get("/api/v1/admin/users?role=admin&status=active&size=100")
                .expectStatus(200)
                .json()
                .get("items")
                .forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static ApiClient.Response disable(ApiClient admin, String id, String reason) {
        return admin.post("/api/v1/admin/users/" + id + "/disable", Map.of("reason", reason));
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnceLeaveOneActiveWhoKeepsTheRole() throws Exception {
        String firstAdmin = admin().get("/api/v1/me").json().get("id").asString();
        Account a = account("example.com", "admin");
        Account b = account("example.com", "admin");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            ApiClient asA = new ApiClient(port).login(a.email(), PASSWORD);
            for (String id : activeAdmins(asA)) {
                if (!id.equals(a.id()) && !id.equals(b.id())) {
                    disable(asA, id, "Leaves two administrators").expectStatus(200);
                }
            }
            assertThat(activeAdmins(asA)).containsExactlyInAnyOrder(a.id(), b.id());
            ApiClient asB = new ApiClient(port).login(b.email(), PASSWORD);

            CyclicBarrier start = new CyclicBarrier(2);
            Future<Integer> aDisablesB = pool.submit(() -> {
                start.await();
                return disable(asA, b.id(), "Mutiny").status();
            });
            Future<Integer> bDisablesA = pool.submit(() -> {
                start.await();
                return disable(asB, a.id(), "Mutiny").status();
            });
            int byA = aDisablesB.get();
            int byB = bDisablesA.get();

            // one wins; the other is refused (409 last-active-admin) or, if its session ended first, anonymous
            assertThat(List.of(byA, byB)).containsOnlyOnce(200);
            assertThat(byA == 200 ? byB : byA).isIn(401, 409);
            Account survivor = byA == 200 ? a : b;
            Account loser = byA == 200 ? b : a;
            ApiClient asSurvivor = byA == 200 ? asA : asB;
            assertThat(activeAdmins(asSurvivor)).containsExactly(survivor.id());

            var demoted = asSurvivor
                    .put("/api/v1/admin/users/" + survivor.id() + "/roles", Map.of("roles", List.of("customer")))
                    .expectStatus(409)
                    .json();
            assertThat(demoted.get("type").asString()).endsWith("/last-active-admin");
            asSurvivor.get("/api/v1/me").expectStatus(200);

            // a request of the loser that was past authentication before its account was disabled
            var stale = new AccountPrincipal(
                    new AuthenticatedUser(new UserId(UUID.fromString(loser.id())), loser.email(), Set.of(Role.ADMIN)),
                    true,
                    null);
            SecurityContextHolder.getContext()
                    .setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated(stale, null, stale.getAuthorities()));
            try {
                assertThatThrownBy(() -> users.disable(new UserId(UUID.fromString(survivor.id())), "Stale"))
                        .isInstanceOfSatisfying(
                                ProblemException.class,
                                e -> assertThat(e.type()).isEqualTo("last-active-admin"));
            } finally {
                SecurityContextHolder.clearContext();
            }
            assertThat(activeAdmins(asSurvivor)).containsExactly(survivor.id());

            // with another active administrator, the role may go
            asSurvivor
                    .post("/api/v1/admin/users/" + firstAdmin + "/enable", Map.of("reason", "Back"))
                    .expectStatus(200);
            asSurvivor
                    .put("/api/v1/admin/users/" + survivor.id() + "/roles", Map.of("roles", List.of("customer")))
                    .expectStatus(200);
            asSurvivor.get("/api/v1/me").expectStatus(401);
        } finally {
            pool.shutdownNow();
            // the first administrator serves the other tests of this context
            jdbc.sql("""
                            update users set enabled = true, disabled_reason = null, disabled_at = null, disabled_by = null
                            where email = ?""").param(CatalogFixtures.ADMIN_EMAIL).update();
        }
    }
}
