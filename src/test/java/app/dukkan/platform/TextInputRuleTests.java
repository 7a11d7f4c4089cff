package app.dukkan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TextInputRuleTests {

    @Test
    void refusesControlCharactersAndLoneSurrogatesButNotLineBreaksOrTabs() {
        assertThat(TextInput.problem("Zeile\r\nzwei\tTab – مصباح 🪔")).isNull();
        assertThat(TextInput.problem("nul\u0000")).contains("U+0000");
        assertThat(TextInput.problem("esc\u001b[31m")).contains("U+001B");
        assertThat(TextInput.problem("c1\u0085")).contains("U+0085");
        assertThat(TextInput.problem("lone\uD800")).contains("lone surrogate");
    }

    @Test
    void namesTheFirstRefusedCharacterAndWhy() {
        assertThat(TextInput.refusedCharacter("fine\ttext")).isNull();
        assertThat(TextInput.refusedCharacter("bell\u0007 and \u0000"))
                .isEqualTo(new TextInput.RefusedCharacter(TextInput.Refusal.CONTROL_CHARACTER, "U+0007"));
        TextInput.RefusedCharacter lone = TextInput.refusedCharacter("lone\uDC00");
        assertThat(lone).isEqualTo(new TextInput.RefusedCharacter(TextInput.Refusal.LONE_SURROGATE, "U+DC00"));
        assertThat(lone.message()).isEqualTo(TextInput.problem("lone\uDC00"));
        assertThat(TextInput.problem("nul\u0000")).isEqualTo("must not contain control characters (found U+0000)");
    }

    @Test
    void clippedTextNeverEndsInHalfASurrogatePair() {
        assertThat(TextInput.clip("short", 10)).isEqualTo("short");
        assertThat(TextInput.clip("abcdef", 3)).isEqualTo("abc");
        // the lamp is two UTF-16 characters: cut before it, not through it
        assertThat(TextInput.clip("ab🪔cd", 3)).isEqualTo("ab");
        assertThat(TextInput.clip("ab🪔cd", 4)).isEqualTo("ab🪔");
        assertThat(TextInput.problem(TextInput.clip("🪔".repeat(300), 255))).isNull();
        assertThat(TextInput.clip("", 0)).isEmpty();
        assertThat(TextInput.clip("x", 0)).isEmpty();
    }

    @Test
    void abbreviatedTextStaysWithinItsLimitWithTheEllipsis() {
        assertThat(TextInput.abbreviate("exactly10!", 10)).isEqualTo("exactly10!");
        assertThat(TextInput.abbreviate("eleven char", 10))
                .isEqualTo("eleven ch…")
                .hasSize(10);
        assertThat(TextInput.abbreviate("abcdefgh🪔xyz", 10)).isEqualTo("abcdefgh…");
        assertThat(TextInput.problem(TextInput.abbreviate("مصباح 🪔".repeat(50), 41)))
                .isNull();
    }

    @Test
    void aJsonDocumentIsCheckedInEveryStringAndKeyNamingThePath() {
        JsonMapper json = JsonMapper.builder().build();
        TextInput.check(json.readTree("{\"a\": [1, \"fine\\nline\", {\"b\": null}]}"), "body");
        assertThatThrownBy(() -> TextInput.check(json.readTree("{\"a\": [1, {\"b\": \"x\\u0000\"}]}"), "body"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("body.a[1].b"));
        assertThatThrownBy(() -> TextInput.check(json.readTree("{\"k\\u0007\": 1}"), "body"))
                .isInstanceOf(ProblemException.class);
    }
}
