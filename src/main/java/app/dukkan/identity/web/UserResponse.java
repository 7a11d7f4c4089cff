package app.dukkan.identity.web;

import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.account.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

record UserResponse(
        UUID id,
        String email,
        String displayName,
        List<String> roles,
        Instant createdAt,
        boolean emailVerified,
        String locale) {

    static UserResponse of(UserAccount account) {
        return new UserResponse(
                account.id().value(),
                account.email(),
                account.displayName(),
                account.roles().stream().sorted().map(Role::code).toList(),
                account.createdAt(),
                account.emailVerified(),
                account.locale().toLanguageTag());
    }

    static UserResponse of(ManagedUser user) {
        return new UserResponse(
                user.id().value(),
                user.email(),
                user.displayName(),
                user.roles().stream().sorted().map(Role::code).toList(),
                user.createdAt(),
                user.emailVerified(),
                user.locale().toLanguageTag());
    }
}
