-- API keys: programs call /api/v1 as their owner, limited to the key's scopes. The secret itself is
-- never stored: only the public id (to find the key) and the SHA-256 of the whole key (ADR 0032).
create table api_keys (
    id             uuid primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    public_id      text        not null check (public_id ~ '^[0-9A-Za-z]{12}$'),
    secret_hash    bytea       not null check (length(secret_hash) = 32),
    name           text        not null check (length(name) between 1 and 100),
    scopes         text[]      not null check (cardinality(scopes) between 1 and 8),
    created_at     timestamptz not null,
    expires_at     timestamptz,
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    revoked_by     uuid references users (id) on delete set null,
    revoked_reason text check (length(revoked_reason) <= 500)
);
-- every authenticated request finds its key by the public id
create unique index api_keys_public_id_uq on api_keys (public_id);
-- a user's keys, newest first (the account's list, the admin filter by user)
create index api_keys_user_idx on api_keys (user_id, created_at desc, id desc);
-- the admin list of every key, newest first
create index api_keys_created_idx on api_keys (created_at desc, id desc);
