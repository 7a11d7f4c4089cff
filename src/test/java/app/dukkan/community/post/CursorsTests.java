package app.dukkan.community.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorsTests {

    @Test
    void aCursorNamesThePostItWasMadeOf() {
        UUID id = Ids.newId(Clock.systemUTC());
        String cursor = Cursors.encode(id);
        assertThat(cursor).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(Cursors.decode(cursor, Cursors.NEWEST)).isEqualTo(id);
        assertThat(Cursors.decode(null, Cursors.NEWEST)).isEqualTo(Cursors.NEWEST);
    }

    @Test
    void anythingElseIsRefused() {
        String valid = Cursors.encode(Ids.newId(Clock.systemUTC()));
        for (String bad : new String[] {
            "x",
            valid + "A",
            valid.substring(1),
            "AAAAAAAAAAAAAAAAAAAAAA",
            "//////////////////////",
            Cursors.encode(UUID.randomUUID()),
            valid.substring(0, 21) + "=",
            "ä".repeat(22)
        }) {
            assertThatThrownBy(() -> Cursors.decode(bad, Cursors.NEWEST))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.type()).isEqualTo("invalid-cursor"));
        }
    }

    @Test
    void mentionsAreHandlesAfterAnAtSignNotEmailAddresses() {
        assertThat(Mentions.handles("hi @Layla and @omar_2, @layla again; mail x@bob.example or @@no @ab"))
                .containsExactly("layla", "omar_2");
    }
}
