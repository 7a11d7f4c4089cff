package app.dukkan.community.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of profile changes and of follows ({@code dukkan.community.limits.*}), counted in
 * PostgreSQL for all instances, per member and per client address; past one: 429 with {@code
 * Retry-After}.
 *
 * @param follows follows, unfollows, blocks and unblocks
 * @param profileChanges changes of handle, name, bio and avatar
 */
@ConfigurationProperties("dukkan.community.limits")
record PeopleProperties(
        @DefaultValue Follows follows, @DefaultValue ProfileChanges profileChanges) {

    record Follows(
            @DefaultValue("100") int perUser,
            @DefaultValue("300") int perAddress,
            @DefaultValue("1h") Duration window) {}

    record ProfileChanges(
            @DefaultValue("30") int perUser,
            @DefaultValue("100") int perAddress,
            @DefaultValue("1h") Duration window) {}
}
