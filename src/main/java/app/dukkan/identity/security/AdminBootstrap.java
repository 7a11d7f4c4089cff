package app.dukkan.identity.security;

import app.dukkan.identity.Role;
import app.dukkan.identity.account.UserAccounts;
import app.dukkan.platform.DatabaseInfo;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.StartupRefusedException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure the shop has an administrator: from {@code DUKKAN_ADMIN_EMAIL} and {@code
 * DUKKAN_ADMIN_PASSWORD}, or, on the embedded development database, with a generated password that
 * is printed once. A configured administrator that cannot be created (its password fails the
 * policy, its email belongs to another account) stops the start.
 */
@Component
@Order(0)
@EnableConfigurationProperties(AdminBootstrap.AdminProperties.class)
class AdminBootstrap implements ApplicationRunner {

    @ConfigurationProperties("dukkan.admin")
    record AdminProperties(@Nullable String email, @Nullable String password) {}

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String DEFAULT_EMBEDDED_EMAIL = "admin@dukkan.local";

    private final UserAccounts accounts;
    private final AdminProperties properties;
    private final DatabaseInfo database;

    AdminBootstrap(UserAccounts accounts, AdminProperties properties, DatabaseInfo database) {
        this.accounts = accounts;
        this.properties = properties;
        this.database = database;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyWithRole(Role.ADMIN)) {
            return;
        }
        String email = StringUtils.hasText(properties.email()) ? properties.email() : null;
        String password = StringUtils.hasText(properties.password()) ? properties.password() : null;
        if (password == null && !database.embedded()) {
            log.warn("No administrator exists. Set DUKKAN_ADMIN_EMAIL and DUKKAN_ADMIN_PASSWORD and restart.");
            return;
        }
        boolean generated = password == null;
        if (generated) {
            password = generatePassword();
        }
        if (email == null) {
            email = DEFAULT_EMBEDDED_EMAIL;
        }
        try {
            accounts.register(email, password, "Administrator", EnumSet.of(Role.ADMIN, Role.CUSTOMER));
        } catch (ProblemException e) {
            // a shop without its administrator cannot be run; the policy's messages never quote the password
            throw new StartupRefusedException(
                    "The shop has no administrator, and the configured one (DUKKAN_ADMIN_EMAIL " + email
                            + ", DUKKAN_ADMIN_PASSWORD) cannot be created: " + e.getMessage(),
                    "Change DUKKAN_ADMIN_PASSWORD (or DUKKAN_ADMIN_EMAIL) as the reason says and start again.");
        }
        if (generated) {
            // Printed to the console once, on the embedded development database only.
            System.out.printf(
                    "%n=== Dukkan administrator created ===%n  email:    %s%n  password: %s%n"
                            + "  (shown only now; set DUKKAN_ADMIN_PASSWORD to choose your own)%n%n",
                    email, password);
        } else {
            log.info("Created the first administrator {}", email);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
