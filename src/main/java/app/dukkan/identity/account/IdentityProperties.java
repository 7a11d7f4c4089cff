package app.dukkan.identity.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in, sign-up, email verification and password reset settings ({@code dukkan.identity.*}).
 * The limits are counted in PostgreSQL, so they hold for all instances together (ADR 0019); each
 * key's window starts with its first attempt, and the whole budget returns when it ends.
 *
 * @param verificationTtl how long an email verification link works
 * @param verificationResendInterval the least time between two verification mails to one user
 * @param resetTtl how long a password reset link works
 * @param resetLimits how often password resets may be requested
 * @param signUpLimits how often one client may sign up
 * @param signInLimits how often one client may try to sign in
 */
@ConfigurationProperties("dukkan.identity")
record IdentityProperties(
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("1m") Duration verificationResendInterval,
        @DefaultValue("1h") Duration resetTtl,
        @DefaultValue ResetLimits resetLimits,
        @DefaultValue SignUpLimits signUpLimits,
        @DefaultValue SignInLimits signInLimits) {

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
}
