package app.dukkan.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTests {

    @Test
    void keysCarryTheirPrefixAndPublicIdAndParseBack() {
        String publicId = ApiKeySecrets.newPublicId();
        String key = ApiKeySecrets.key(publicId);
        assertThat(key).matches("dk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}").startsWith("dk_" + publicId + "_");
        ApiKeySecrets.Parsed parsed = ApiKeySecrets.parse(key);
        assertThat(parsed).isNotNull();
        assertThat(parsed.publicId()).isEqualTo(publicId);
        assertThat(ApiKeySecrets.matches(ApiKeySecrets.hash(key), parsed.hash()))
                .isTrue();
        assertThat(ApiKeySecrets.matches(ApiKeySecrets.hash(key + "x"), parsed.hash()))
                .isFalse();
    }

    @Test
    void refusesAnythingNotShapedLikeAKey() {
        String key = ApiKeySecrets.key(ApiKeySecrets.newPublicId());
        for (String presented : new String[] {
            "",
            "dk_",
            key + "A",
            key.substring(1),
            key.replace('_', '-'),
            key.substring(0, key.length() - 1) + "!",
            "DK" + key.substring(2)
        }) {
            assertThat(ApiKeySecrets.parse(presented)).as(presented).isNull();
        }
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(ApiKeySecrets.key("000000000000"))).isTrue();
        }
    }
}
