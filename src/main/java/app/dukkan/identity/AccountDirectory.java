package app.dukkan.identity;

/** Account look-ups and set-up for other modules (e.g. demo data). */
public interface AccountDirectory {

    /**
     * Returns the seller with this email, creating it with a random password if it does not exist.
     */
    UserId ensureSeller(String email, String displayName);
}
