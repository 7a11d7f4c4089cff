package app.dukkan.identity;

import java.util.Optional;

/** Account look-ups and set-up for other modules (e.g. demo data). */
public interface AccountDirectory {

    /**
     * Returns the seller with this email, creating it with a random password if it does not exist.
     */
    UserId ensureSeller(String email, String displayName);

    /** The account with this id: email, name, the language of its mails and whether its email is confirmed. */
    Optional<AccountSummary> find(UserId id);
}
