package app.dukkan.identity.security;

import app.dukkan.identity.account.UserAccounts;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class AccountUserDetailsService implements UserDetailsService {

    private final UserAccounts accounts;

    AccountUserDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return accounts.findByEmail(email)
                .map(account ->
                        new AccountPrincipal(account.asAuthenticated(), account.enabled(), account.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }
}
