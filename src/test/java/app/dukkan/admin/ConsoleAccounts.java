package app.dukkan.admin;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Accounts for the console's tests: registered through the API, given roles by the fixtures' admin. */
final class ConsoleAccounts {

    private ConsoleAccounts() {}

    /** A new account named {@code name}, with {@code roles} (none: a customer); its id. */
    static String create(int port, JdbcClient jdbc, String email, String password, String name, String... roles) {
        new ApiClient(port)
                .post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                email,
                                "password",
                                password,
                                "display_name",
                                name,
                                "accept_privacy_notice",
                                true))
                .expectStatus(201);
        String id = jdbc.sql("select id::text from users where email = ?")
                .param(email)
                .query(String.class)
                .single();
        if (roles.length > 0) {
            new CatalogFixtures(port)
                    .admin()
                    .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of(roles)))
                    .expectStatus(200);
        }
        return id;
    }
}
