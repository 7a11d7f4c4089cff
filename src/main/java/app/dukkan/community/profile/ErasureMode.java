package app.dukkan.community.profile;

/**
 * What an erasure does with a member's community content ({@code dukkan.privacy.erasure.community}):
 * {@code delete} removes their posts, comments and reviews; {@code anonymise} keeps them under an
 * anonymous profile with the member's email, phone and name redacted from the text. Either way
 * their profile is anonymised and their follows, blocks, likes and notifications go.
 */
public enum ErasureMode {
    DELETE,
    ANONYMISE;

    /** The property, with its default. */
    public static final String PROPERTY = "${dukkan.privacy.erasure.community:anonymise}";
}
