package app.dukkan.storefront.catalog;

import org.jspecify.annotations.Nullable;

/**
 * What a page tells search engines and link previews: title, description, canonical path (context
 * relative: the layout makes it absolute in the page's language), whether to index it, and the
 * OpenGraph type and image.
 */
record Seo(
        String title,
        String ogTitle,
        String description,
        String canonical,
        boolean index,
        String type,
        @Nullable String image) {

    /** Descriptions are cut to what search results show. */
    static final int DESCRIPTION_LENGTH = 160;

    /**
     * @param title the document's title (with the shop's name)
     * @param ogTitle the title of link previews (without it)
     */
    static Seo page(String title, String ogTitle, String description, String canonical, boolean index) {
        return new Seo(title, ogTitle, summary(description), canonical, index, "website", null);
    }

    Seo withImage(String absoluteUrl) {
        return new Seo(title, ogTitle, description, canonical, index, type, absoluteUrl);
    }

    Seo withType(String ogType) {
        return new Seo(title, ogTitle, description, canonical, index, ogType, image);
    }

    /** The text on one line, cut at a word boundary to at most {@link #DESCRIPTION_LENGTH} characters. */
    static String summary(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.length() <= DESCRIPTION_LENGTH) {
            return line;
        }
        int cut = line.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        return line.substring(0, cut > 80 ? cut : DESCRIPTION_LENGTH - 1) + "…";
    }
}
