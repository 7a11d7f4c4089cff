package app.dukkan.identity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** BCrypt's cost is a setting: new hashes take it, hashes made with another cost still match. */
class PasswordHashStrengthTests {

    private final AuthenticationConfiguration configuration = new AuthenticationConfiguration();

    @Test
    void newHashesTakeTheConfiguredCostAndOlderHashesKeepTheirs() {
        PasswordEncoder cheap = configuration.passwordEncoder(4);
        PasswordEncoder usual = configuration.passwordEncoder(10);
        String madeWithTen = usual.encode("correct horse 42");

        assertThat(madeWithTen).startsWith("{bcrypt}$2a$10$");
        assertThat(cheap.encode("correct horse 42")).startsWith("{bcrypt}$2a$04$");
        assertThat(cheap.matches("correct horse 42", madeWithTen)).isTrue();
        assertThat(cheap.matches("correct horse 43", madeWithTen)).isFalse();
    }

    @Test
    void aCostOutsideBcryptsRangeStopsTheStart() {
        assertThatThrownBy(() -> configuration.passwordEncoder(3))
                .hasMessageContaining("dukkan.identity.password-hash-strength must be 4 to 31")
                .hasMessageContaining("not 3");
        assertThatThrownBy(() -> configuration.passwordEncoder(32)).hasMessageContaining("not 32");
    }
}
