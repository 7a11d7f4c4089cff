package app.dukkan.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may be used for. A key never grants more than its owner's roles allow: each scope
 * names the roles that can use it, a key is created only with scopes of its owner's roles, and a
 * request checks them again against the owner's roles of the moment. {@link #ADMIN} grants
 * everything the owner's roles allow.
 */
public enum ApiScope {
    CATALOG_READ("catalog:read", EnumSet.of(Role.ADMIN, Role.SELLER)),
    CATALOG_WRITE("catalog:write", EnumSet.of(Role.ADMIN, Role.SELLER)),
    /** Operators read the shop's orders; customers their own. */
    ORDERS_READ("orders:read", EnumSet.of(Role.ADMIN, Role.SELLER, Role.CUSTOMER)),
    ORDERS_WRITE("orders:write", EnumSet.of(Role.ADMIN, Role.SELLER, Role.CUSTOMER)),
    TRIGGERS_WRITE("triggers:write", EnumSet.of(Role.ADMIN)),
    WORKFLOWS_WRITE("workflows:write", EnumSet.of(Role.ADMIN)),
    LOGS_READ("logs:read", EnumSet.of(Role.ADMIN)),
    /** Scraping {@code /actuator/prometheus} and the other metrics on the shop's own port. */
    METRICS_READ("metrics:read", EnumSet.of(Role.ADMIN)),
    ADMIN("admin", EnumSet.of(Role.ADMIN));

    private final String code;
    private final Set<Role> roles;

    ApiScope(String code, Set<Role> roles) {
        this.code = code;
        this.roles = roles;
    }

    /** The name used in the API and the database, e.g. {@code catalog:read}. */
    public String code() {
        return code;
    }

    /** Whether an account with these roles may use the scope. */
    public boolean allowedFor(Set<Role> owner) {
        return owner.stream().anyMatch(roles::contains);
    }

    /** The scopes an account with these roles may give its keys. */
    public static Set<ApiScope> allowedFor(Set<Role> owner, Set<ApiScope> wanted) {
        Set<ApiScope> allowed = EnumSet.noneOf(ApiScope.class);
        for (ApiScope scope : wanted) {
            if (scope.allowedFor(owner)) {
                allowed.add(scope);
            }
        }
        return allowed;
    }

    public static Optional<ApiScope> fromCode(String code) {
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        for (ApiScope scope : values()) {
            if (scope.code.equals(wanted)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
