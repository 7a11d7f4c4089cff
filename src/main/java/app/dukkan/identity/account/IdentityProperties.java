package app.dukkan.identity.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-up, email verification and password reset settings ({@code dukkan.identity.*}).
 *
 * @param verificationTtl how long an email verification link works
 * @param verificationResendInterval the least time between two verification mails to one user
 * @param resetTtl how long a password reset link works
 * @param resetLimits how often password resets may be requested
 * @param signUpLimits how often one client may sign up
 */
@ConfigurationProperties("dukkan.identity")
record IdentityProperties(
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("1m") Duration verificationResendInterval,
        @DefaultValue("1h") Duration resetTtl,
        @DefaultValue ResetLimits resetLimits,
        @DefaultValue SignUpLimits signUpLimits) {

    /**
     * Requests of password resets allowed per sliding {@code window}, counted in each instance's memory.
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
     * Sign-up attempts allowed per sliding {@code window} from one client address (the connection's
     * remote address), counted in each instance's memory. Attempts for a taken email count too.
     */
    record SignUpLimits(
            @DefaultValue("10") int perIp,
            @DefaultValue("1h") Duration window) {}
}
