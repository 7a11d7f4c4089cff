package app.dukkan.identity.account;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.EmailAddresses;
import app.dukkan.identity.Role;
import app.dukkan.identity.SignUpConsent;
import app.dukkan.identity.SignUpConsentGiven;
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
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts and changes their profile, password and roles. */
@Service
@EnableConfigurationProperties(IdentityProperties.class)
public class UserAccounts implements AccountDirectory {

    /** The longest display name, in characters (the column's check counts them alike). */
    public static final int MAX_DISPLAY_NAME = 100;

    private final UserAccountRepository repository;
    private final UserTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final EmailVerification emailVerification;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserAccounts(
            UserAccountRepository repository,
            UserTokenRepository tokens,
            PasswordEncoder passwordEncoder,
            EmailVerification emailVerification,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.emailVerification = emailVerification;
        this.events = events;
        this.clock = clock;
    }

    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks what a sign-up can check without the database: a display name and a password the policy
     * accepts. Runs before the sign-up limit, so refused input does not count against it.
     */
    static void checkSignUp(String email, String password, String displayName) {
        String normalized = normalizeEmail(email);
        if (!EmailAddresses.wellFormed(normalized)) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.EMAIL_INVALID, "email", "must be a well-formed email address");
        }
        checkDisplayName(displayName);
        PasswordPolicy.check(password, normalizeEmail(email));
    }

    /** A customer's sign-up accepts the privacy notice; marketing is their choice. */
    static void checkConsent(SignUpConsent consent) {
        if (!consent.privacyNotice()) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.PRIVACY_NOTICE_NOT_ACCEPTED,
                    "accept_privacy_notice",
                    "must be true: read the privacy notice (/privacy) and accept it");
        }
    }

    private static void checkDisplayName(String displayName) {
        if (displayName.isBlank()) {
            throw AccountProblem.invalid(AccountProblem.Reason.DISPLAY_NAME_BLANK, "display_name", "must not be blank");
        }
        String name = displayName.strip();
        if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.DISPLAY_NAME_TOO_LONG,
                    "display_name",
                    "must be at most " + MAX_DISPLAY_NAME + " characters");
        }
    }

    /**
     * A customer signs up: creates the account and, in the same transaction, publishes {@link
     * UserRegistered}, the {@link SignUpConsentGiven} (recorded by the consent log in this
     * transaction) and a first {@link app.dukkan.identity.EmailVerificationRequested}. The caller
     * has counted the attempt against the sign-up limit ({@link AccountService#signUp}).
     */
    @Transactional
    public UserAccount registerCustomer(
            String email,
            String password,
            String displayName,
            Locale locale,
            SignUpConsent consent,
            String clientAddress) {
        checkConsent(consent);
        UserAccount account = register(email, password, displayName, EnumSet.of(Role.CUSTOMER), locale);
        events.publishEvent(new UserRegistered(account.id(), account.email(), account.locale()));
        events.publishEvent(new SignUpConsentGiven(account.id(), account.email(), consent, clientAddress));
        emailVerification.request(account);
        return account;
    }

    /** Creates an account set up by the shop itself (administrator, demo sellers): no mails. */
    @Transactional
    public UserAccount register(String email, String password, String displayName, Set<Role> roles) {
        return register(email, password, displayName, roles, SupportedLocales.DEFAULT);
    }

    private UserAccount register(String email, String password, String displayName, Set<Role> roles, Locale locale) {
        String normalized = normalizeEmail(email);
        String name = displayName.strip();
        checkSignUp(normalized, password, name);
        if (repository.existsByEmail(normalized)) {
            throw emailTaken();
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
            throw emailTaken();
        }
        return account;
    }

    private static AccountProblem emailTaken() {
        return new AccountProblem(
                AccountProblem.Reason.EMAIL_TAKEN,
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "email: is already registered",
                "email",
                "is already registered",
                null);
    }

    /** Sets the name the shop greets the user with and the language of its pages and mails. */
    @Transactional
    public UserAccount updateProfile(UserId id, String displayName, Locale locale) {
        checkDisplayName(displayName);
        String name = displayName.strip();
        Locale supported = SupportedLocales.require(locale);
        if (!repository.updateProfile(id, name, supported.toLanguageTag(), now())) {
            throw ProblemException.notFound("user", id);
        }
        return get(id);
    }

    /** Remembers the language the user chose last; writes only when it changes. Unsupported ones are ignored. */
    @Transactional
    public void rememberLanguage(UserId id, Locale locale) {
        if (SupportedLocales.isSupported(locale)) {
            repository.updateLocale(
                    id, SupportedLocales.supportedOrDefault(locale).toLanguageTag(), now());
        }
    }

    /**
     * Replaces the password after checking the current one: wrong → 400 naming {@code
     * current_password}; a new one the policy refuses → 400 naming {@code password}. Ends every
     * other session of the account ({@link PasswordChanged}; {@code keepSession} stays signed in) and
     * revokes its API keys.
     */
    @Transactional
    public void changePassword(UserId id, String currentPassword, String newPassword, @Nullable String keepSession) {
        if (!repository.lock(id)) {
            throw ProblemException.notFound("user", id);
        }
        UserAccount account = get(id);
        if (!passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.WRONG_CURRENT_PASSWORD, "current_password", "is not your current password");
        }
        PasswordPolicy.check(newPassword, account.email());
        java.time.Instant now = now();
        repository.changePassword(id, passwordEncoder.encode(newPassword), now);
        // links mailed before the change would sign in or set a password past it
        tokens.markAllUsed(id, TokenPurpose.PASSWORD_RESET, now);
        tokens.markAllUsed(id, TokenPurpose.MAGIC_LINK, now);
        // a new password is what one sets when the account may have been taken: a key made with a
        // stolen session must not outlive it, as after a reset
        repository.revokeApiKeys(id, now);
        events.publishEvent(new PasswordChanged(id, account.email(), keepSession));
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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
    @Transactional
    public UserId ensureCustomer(String email, String displayName, Locale locale) {
        return findByEmail(email).map(UserAccount::id).orElseGet(() -> {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            return register(email, HexFormat.of().formatHex(secret), displayName, EnumSet.of(Role.CUSTOMER), locale)
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
}
