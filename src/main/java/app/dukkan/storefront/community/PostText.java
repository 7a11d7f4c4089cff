package app.dukkan.storefront.community;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What members wrote, cut into pieces a template renders safely: plain text (escaped by {@code
 * th:text}), links to {@code http}/{@code https} addresses and {@code @handle}s linking to profiles.
 * Nothing else ever becomes markup.
 */
@Component("postText")
public class PostText {

    /**
     * A piece: {@code href} null for plain text.
     *
     * @param external an address outside the shop ({@code rel="nofollow ugc noopener"})
     */
    public record Segment(String text, @Nullable String href, boolean external) {}

    private static final Pattern LINK_OR_MENTION = Pattern.compile(
            "(?<url>\\bhttps?://[^\\s<>\"'`]+)|(?<![\\p{L}\\p{N}_@.])@(?<handle>[A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])",
            Pattern.CASE_INSENSITIVE);

    /** Punctuation that ends a sentence rather than the address before it. */
    private static final String TRAILING = ".,;:!?)]}'\"";

    public List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        Matcher matcher = LINK_OR_MENTION.matcher(text);
        int at = 0;
        while (matcher.find()) {
            String url = matcher.group("url");
            int end = matcher.end();
            if (url != null) {
                while (!url.isEmpty() && TRAILING.indexOf(url.charAt(url.length() - 1)) >= 0) {
                    url = url.substring(0, url.length() - 1);
                    end--;
                }
                if (url.length() <= "https://".length()) {
                    continue;
                }
            }
            if (matcher.start() > at) {
                segments.add(new Segment(text.substring(at, matcher.start()), null, false));
            }
            if (url != null) {
                segments.add(new Segment(url, url, true));
            } else {
                String handle = matcher.group("handle");
                segments.add(new Segment("@" + handle, "/u/" + handle.toLowerCase(java.util.Locale.ROOT), false));
            }
            at = end;
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), null, false));
        }
        return segments;
    }
}
