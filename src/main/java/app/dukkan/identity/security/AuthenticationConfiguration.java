package app.dukkan.identity.security;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Password checking and where the signed-in user is kept: the (JDBC-backed) HTTP session. */
@Configuration(proxyBeanMethods = false)
class AuthenticationConfiguration {

    private static final String BCRYPT = "bcrypt";
    private static final int MIN_STRENGTH = 4;
    private static final int MAX_STRENGTH = 31;

    /**
     * BCrypt, with the algorithm recorded in each hash so it can be upgraded later. Its cost, {@code
     * dukkan.identity.password-hash-strength} (10: 2^10 rounds), is kept in each hash too: a
     * change applies to passwords set afterwards, and older hashes are still checked with theirs.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${dukkan.identity.password-hash-strength}") int strength) {
        if (strength < MIN_STRENGTH || strength > MAX_STRENGTH) {
            throw new IllegalStateException("dukkan.identity.password-hash-strength must be " + MIN_STRENGTH + " to "
                    + MAX_STRENGTH + " (BCrypt's log2 of rounds), not " + strength);
        }
        return new DelegatingPasswordEncoder(BCRYPT, Map.of(BCRYPT, new BCryptPasswordEncoder(strength)));
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        // A disabled account is told only after its password was checked, like any account: the
        // check takes the same time, and the answer is the wrong password's (SessionSignIn).
        provider.setPreAuthenticationChecks(user -> {});
        provider.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("disabled");
            }
        });
        return new ProviderManager(provider);
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }
}
