package app.dukkan.identity.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in, sign-up, email verification and password reset settings ({@code dukkan.identity.*}).
 * The limits are counted in PostgreSQL, so they hold for all instances together (ADR 0019); each
 * key's window starts with its first attempt, and the whole budget returns when it ends.
 *
 * @param verificationTtl how long an email verification link works
 * @param verificationResendInterval the least time between two verification mails to one user
 * @param verificationMailsPerDay verification mails one user (and so one address) gets in 24 hours at
 *     most: an address someone else signed up with is not to be flooded
 * @param resetTtl how long a password reset link works
 * @param resetLimits how often password resets may be requested
 * @param signUpLimits how often one client may sign up
 * @param signInLimits how often one client may try to sign in
 * @param magicLink sign-in links mailed to operators
 */
@ConfigurationProperties("dukkan.identity")
record IdentityProperties(
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("1m") Duration verificationResendInterval,
        @DefaultValue("5") int verificationMailsPerDay,
        @DefaultValue("1h") Duration resetTtl,
        @DefaultValue ResetLimits resetLimits,
        @DefaultValue SignUpLimits signUpLimits,
        @DefaultValue SignInLimits signInLimits,
        @DefaultValue MagicLink magicLink) {

    /**
     * Requests of password resets allowed per {@code window}.
     *
     * @param perIp from one client address (the connection's remote address)
     * @param perEmail mails to one email address, whether or not an account has it; requests beyond it are
     *     answered alike but send nothing
     */
    record ResetLimits(
            @DefaultValue("5") int perIp,
            @DefaultValue("3") int perEmail,
            @DefaultValue("1h") Duration window) {}

    /**
     * Sign-up attempts allowed per {@code window} from one client address (the connection's remote
     * address). Attempts for a taken email count too; input the validation refuses does not.
     */
    record SignUpLimits(
            @DefaultValue("3") int perIp,
            @DefaultValue("1h") Duration window) {}

    /**
     * Sign-in attempts allowed per {@code window} from one client address, successful ones included;
     * checks of the current password when changing it count too.
     */
    record SignInLimits(
            @DefaultValue("10") int perIp,
            @DefaultValue("15m") Duration window) {}

    /**
     * Sign-in links mailed to operators (accounts with the role admin or seller). Off while {@code
     * domains} is empty.
     *
     * @param domains the email domains whose operators may ask for a link, e.g. {@code shop.example}
     *     (exactly these: not their subdomains); compared without regard to case
     * @param ttl how long a link works
     * @param perIp requests allowed from one client address per {@code window}
     * @param perEmail requests allowed for one email address per {@code window}, whether or not an
     *     account has it
     * @param window the window of both limits
     */
    record MagicLink(
            @DefaultValue List<String> domains,
            @DefaultValue("15m") Duration ttl,
            @DefaultValue("10") int perIp,
            @DefaultValue("5") int perEmail,
            @DefaultValue("1h") Duration window) {

        MagicLink {
            domains = domains.stream()
                    .map(domain -> domain.strip().toLowerCase(Locale.ROOT))
                    .map(domain -> domain.startsWith("@") ? domain.substring(1) : domain)
                    .filter(domain -> !domain.isEmpty())
                    .distinct()
                    .toList();
            for (String domain : domains) {
                if (!DOMAIN.matcher(domain).matches()) {
                    throw new IllegalArgumentException(
                            "dukkan.identity.magic-link.domains: '" + domain + "' is no email domain");
                }
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("dukkan.identity.magic-link.ttl must be positive");
            }
        }

        private static final Pattern DOMAIN = Pattern.compile("[^@\\s]+");

        boolean enabled() {
            return !domains.isEmpty();
        }

        /** Whether the (normalized) email's domain is one of {@link #domains}. */
        boolean allows(String normalizedEmail) {
            int at = normalizedEmail.lastIndexOf('@');
            return at > 0 && domains.contains(normalizedEmail.substring(at + 1));
        }
    }
}
