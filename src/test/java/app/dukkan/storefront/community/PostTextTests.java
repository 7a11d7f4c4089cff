package app.dukkan.storefront.community;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.storefront.community.PostText.Segment;
import org.junit.jupiter.api.Test;

class PostTextTests {

    private final PostText text = new PostText();

    @Test
    void onlyHttpAndHttpsAddressesAndHandlesBecomeLinks() {
        assertThat(text.segments("See https://example.com/a?b=1. Or javascript:alert(1) and @Layla!"))
                .containsExactly(
                        new Segment("See ", null, false),
                        new Segment("https://example.com/a?b=1", "https://example.com/a?b=1", true),
                        new Segment(". Or javascript:alert(1) and ", null, false),
                        new Segment("@Layla", "/u/layla", false),
                        new Segment("!", null, false));
    }

    @Test
    void markupStaysText() {
        assertThat(text.segments("<a href=\"http://x.example\">x</a>"))
                .containsExactly(
                        new Segment("<a href=\"", null, false),
                        new Segment("http://x.example", "http://x.example", true),
                        new Segment("\">x</a>", null, false));
        assertThat(text.segments("https://")).containsExactly(new Segment("https://", null, false));
    }
}
