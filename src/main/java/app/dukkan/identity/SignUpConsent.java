package app.dukkan.identity;

/**
 * What a person agrees to when signing up: the privacy notice (required: a sign-up without it is
 * refused, 400 naming {@code accept_privacy_notice}) and, if they choose, marketing messages.
 *
 * @param channel where the sign-up came from: the shop's page or the JSON API
 */
public record SignUpConsent(boolean privacyNotice, boolean marketing, Channel channel) {

    /** Where a sign-up came from. */
    public enum Channel {
        PAGE,
        API
    }
}
