package app.dukkan.identity.account;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and changes their roles. */
@Service
@EnableConfigurationProperties(IdentityProperties.class)
public class UserAccounts implements AccountDirectory {

    private final UserAccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final EmailVerification emailVerification;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SlidingWindowLimiter signUps;

    UserAccounts(
            UserAccountRepository repository,
            PasswordEncoder passwordEncoder,
            EmailVerification emailVerification,
            ApplicationEventPublisher events,
            IdentityProperties properties,
            Clock clock) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.emailVerification = emailVerification;
        this.events = events;
        this.clock = clock;
        var limits = properties.signUpLimits();
        this.signUps =
                new SlidingWindowLimiter("sign-up", limits.perIp(), limits.window(), clock, PasswordReset.MAXIMUM_KEYS);
    }

    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A customer signs up: creates the account and, in the same transaction, publishes {@link
     * UserRegistered} and a first {@link app.dukkan.identity.EmailVerificationRequested}. Every valid
     * attempt from the client address counts against the sign-up limit, one for a taken email too
     * (429 with Retry-After beyond it): that bounds both the mails sent and how many addresses one
     * client can test for an account (ADR 0014).
     */
    @Transactional
    public UserAccount registerCustomer(
            String email, String password, String displayName, Locale locale, String clientAddress) {
        UserAccount account = register(email, password, displayName, EnumSet.of(Role.CUSTOMER), locale, clientAddress);
        events.publishEvent(new UserRegistered(account.id(), account.email(), account.locale()));
        emailVerification.request(account);
        return account;
    }

    /** Creates an account set up by the shop itself (administrator, demo sellers): no mails. */
    @Transactional
    public UserAccount register(String email, String password, String displayName, Set<Role> roles) {
        return register(email, password, displayName, roles, SupportedLocales.DEFAULT, null);
    }

    private UserAccount register(
            String email,
            String password,
            String displayName,
            Set<Role> roles,
            Locale locale,
            @Nullable String clientAddress) {
        String normalized = normalizeEmail(email);
        String name = displayName.strip();
        if (name.isEmpty()) {
            throw ProblemException.invalid("display_name", "must not be blank");
        }
        PasswordPolicy.check(password, normalized);
        if (clientAddress != null) {
            signUps.acquire(clientAddress);
        }
        if (repository.existsByEmail(normalized)) {
            throw ProblemException.conflict("email", "is already registered");
        }
        UserAccount account = new UserAccount(
                new UserId(Ids.newId(clock)),
                normalized,
                name,
                passwordEncoder.encode(password),
                true,
                roles.isEmpty() ? EnumSet.of(Role.CUSTOMER) : EnumSet.copyOf(roles),
                // PostgreSQL keeps microseconds: the answer shows what a later read will show.
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                locale,
                null);
        try {
            repository.insert(account);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("email", "is already registered");
        }
        return account;
    }

    @Override
    @Transactional
    public UserId ensureSeller(String email, String displayName) {
        return findByEmail(email).map(UserAccount::id).orElseGet(() -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            return register(email, HexFormat.of().formatHex(secret), displayName, EnumSet.of(Role.SELLER))
                    .id();
        });
    }

    @Override
    public Optional<AccountSummary> find(UserId id) {
        return repository.findById(id).map(UserAccount::summary);
    }

    public Optional<UserAccount> findByEmail(String email) {
        return repository.findByEmail(normalizeEmail(email));
    }

    public UserAccount get(UserId id) {
        return repository.findById(id).orElseThrow(() -> ProblemException.notFound("user", id));
    }

    public boolean anyWithRole(Role role) {
        return repository.anyWithRole(role);
    }

    @Transactional
    public UserAccount changeRoles(UserId id, Set<Role> roles) {
        if (roles.isEmpty()) {
            throw ProblemException.invalid("roles", "must contain at least one role");
        }
        get(id);
        repository.replaceRoles(id, roles, clock.instant());
        return get(id);
    }
}
