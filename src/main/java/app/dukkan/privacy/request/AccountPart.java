package app.dukkan.privacy.request;

import app.dukkan.identity.PersonalAccounts;
import app.dukkan.identity.UserId;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The account itself, through identity's public API (identity depends on no one): exported as it
 * is, anonymised in an erasure (its row stays for what refers to it).
 */
@Component
class AccountPart implements PersonalData {

    private final PersonalAccounts accounts;

    AccountPart(PersonalAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String part() {
        return "account";
    }

    @Override
    public Object export(DataSubject subject) {
        return subject.userId() == null ? Map.of() : accounts.export(new UserId(subject.userId()));
    }

    @Override
    public void erase(DataSubject subject) {
        if (subject.userId() != null) {
            accounts.anonymise(new UserId(subject.userId()));
        }
    }
}
