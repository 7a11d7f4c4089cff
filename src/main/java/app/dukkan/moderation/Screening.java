package app.dukkan.moderation;

import java.util.List;

/**
 * What the rules made of a piece of content's texts ({@link Moderation#screen}); a {@code block}
 * rule never gets here, it refuses the text.
 *
 * @param texts the texts as they are to be stored, in the order given: with the words of {@code
 *     censor} rules masked, otherwise unchanged
 * @param hidden a {@code hide} rule matched: the content is shown to its author alone until an
 *     operator reviews it
 * @param flagged a {@code flag} or {@code hide} rule matched: the content is in the moderation queue
 * @param rules the names of the rules that matched, most severe first
 */
public record Screening(List<String> texts, boolean hidden, boolean flagged, List<String> rules) {

    public String text() {
        return texts.get(0);
    }
}
