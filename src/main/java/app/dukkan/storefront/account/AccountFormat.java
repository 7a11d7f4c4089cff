package app.dukkan.storefront.account;

import app.dukkan.identity.Accounts;
import org.springframework.stereotype.Component;

/** What the account forms tell about passwords: {@code ${@accountFormat.minPasswordLength}}. */
@Component("accountFormat")
public class AccountFormat {

    /** The fewest characters a password may have, for the forms' hints and {@code minlength}. */
    public int getMinPasswordLength() {
        return Accounts.MIN_PASSWORD_LENGTH;
    }
}
