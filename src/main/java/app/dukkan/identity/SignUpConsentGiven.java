package app.dukkan.identity;

/**
 * A new account's consents, published in the transaction that created it (after {@link
 * UserRegistered}): the privacy module's consent log records them in that transaction, so there is
 * never an account without its consent nor a consent without its account.
 *
 * @param clientAddress the connection's remote address
 */
public record SignUpConsentGiven(UserId user, String email, SignUpConsent consent, String clientAddress) {}
