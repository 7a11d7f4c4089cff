package app.dukkan.moderation;

/** What kinds of content people write and moderation looks at. */
public enum ContentKind {
    POST,
    COMMENT,
    REVIEW,
    PROFILE;

    /** The kind's name in URLs, JSON and the audit log: {@code post}, {@code comment}, … */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
