-- Rate limits shared by every instance (sign-in, sign-up, password reset): one Bucket4j bucket per
-- limit and key, read and written under a row lock (select … for update). `state` is Bucket4j's
-- serialized bucket; `expires_at` (milliseconds since the epoch) is when the bucket would be full
-- again, after which the row says nothing a new bucket would not say, so a recurring job deletes it.
-- Keys name the limit, its settings and the client address or a hash of the email, e.g.
-- 'sign-in/10/PT15M:192.0.2.7'.
create table identity_rate_limits (
    id         text primary key check (length(id) <= 200),
    state      bytea,
    expires_at bigint
);
create index identity_rate_limits_expiry_idx on identity_rate_limits (expires_at);
