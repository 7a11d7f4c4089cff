package app.dukkan.identity;

import java.util.Locale;
import java.util.Optional;

/** Account look-ups and set-up for other modules (e.g. demo data). */
public interface AccountDirectory {

    /**
     * Returns the seller with this email, creating it with a random password if it does not exist.
     */
    UserId ensureSeller(String email, String displayName);

    /**
     * Returns the customer with this email, creating it (with a random password and the
     * given language, without mails) if it does not exist: the demo community's members.
     */
    UserId ensureCustomer(String email, String displayName, Locale locale);

    /** The account with this id: email, name, the language of its mails and whether its email is confirmed. */
    Optional<AccountSummary> find(UserId id);
}
