package app.dukkan.identity.account;

import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.SignUpConsent;
import app.dukkan.identity.UserId;
import app.dukkan.platform.TextInput;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The account operations of {@link Accounts}. Limits are counted here, outside the operations'
 * transactions: a limit's check is a short transaction on a connection of its own.
 */
@Service
class AccountService implements Accounts {

    private final UserAccounts accounts;
    private final PasswordReset passwordReset;
    private final EmailVerification emailVerification;
    private final MagicLinks magicLinks;
    private final IdentityLimits limits;

    AccountService(
            UserAccounts accounts,
            PasswordReset passwordReset,
            EmailVerification emailVerification,
            MagicLinks magicLinks,
            IdentityLimits limits) {
        this.accounts = accounts;
        this.passwordReset = passwordReset;
        this.emailVerification = emailVerification;
        this.magicLinks = magicLinks;
        this.limits = limits;
    }

    @Override
    public AccountSummary signUp(
            String email,
            String password,
            @Nullable String displayName,
            Locale locale,
            SignUpConsent consent,
            String clientAddress) {
        // without a name, the address's local part, within the names' limit (an address may be longer)
        String name = displayName != null
                ? displayName
                : TextInput.clip(email.substring(0, Math.max(email.indexOf('@'), 1)), UserAccounts.MAX_DISPLAY_NAME);
        // refused input reaches neither the account table nor a mail: it does not count (ADR 0014)
        UserAccounts.checkSignUp(email, password, name);
        UserAccounts.checkConsent(consent);
        limits.signUpAttempt(clientAddress);
        return accounts.registerCustomer(
                        email, password, name, SupportedLocales.supportedOrDefault(locale), consent, clientAddress)
                .summary();
    }

    @Override
    public void checkPassword(String password, String email) {
        PasswordPolicy.check(password, email);
    }

    @Override
    public void requestPasswordReset(String email, String clientAddress) {
        limits.resetRequest(clientAddress);
        // past the email's limit the answer stays the same: a 429 would let anyone lock the address's
        // owner out of resetting for the whole window (ADR 0014)
        boolean mailAllowed = limits.resetMailAllowed(UserAccounts.normalizeEmail(email));
        passwordReset.request(email, mailAllowed);
    }

    @Override
    public void resetPassword(String token, String newPassword) {
        passwordReset.confirm(token, newPassword);
    }

    @Override
    public void checkResetToken(String token) {
        passwordReset.check(token);
    }

    @Override
    public void verifyEmail(String token) {
        emailVerification.verify(token);
    }

    @Override
    public void resendVerification(UserId user) {
        emailVerification.resend(user);
    }

    @Override
    public AccountSummary updateProfile(UserId user, String displayName, Locale locale) {
        return accounts.updateProfile(user, displayName, locale).summary();
    }

    @Override
    public void rememberLanguage(UserId user, Locale locale) {
        accounts.rememberLanguage(user, locale);
    }

    @Override
    public List<Locale> languages() {
        return SupportedLocales.all();
    }

    @Override
    public boolean magicLinksEnabled() {
        return magicLinks.enabled();
    }

    @Override
    public Duration magicLinkTtl() {
        return magicLinks.ttl();
    }

    @Override
    public void requestMagicLink(String email, String clientAddress) {
        if (!magicLinks.enabled()) {
            throw MagicLinks.off();
        }
        // refused input reaches no job: it does not count (as for sign-up, ADR 0014)
        MagicLinks.checkEmail(email);
        String normalized = UserAccounts.normalizeEmail(email);
        // counted for every address, taken or not, so the answer says nothing about the address
        if (limits.magicLinkRequest(clientAddress, normalized)) {
            magicLinks.request(normalized);
        }
    }

    @Override
    public void checkMagicLink(String token) {
        magicLinks.check(token);
    }
}
