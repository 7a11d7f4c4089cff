-- The language of an account's mails, and when its email address was confirmed.
alter table users add column locale text not null default 'en' check (length(locale) between 2 and 35);
alter table users add column email_verified_at timestamptz;

-- Single-use secrets mailed to a user (email verification, password reset). Only the SHA-256 of
-- the secret is stored: a copy of the database does not let anyone use a pending link.
create table user_tokens (
    id         uuid primary key,
    purpose    text        not null check (purpose in ('email-verification', 'password-reset')),
    user_id    uuid        not null references users (id) on delete cascade,
    token_hash bytea       not null check (length(token_hash) = 32),
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null
);
create unique index user_tokens_hash_uq on user_tokens (token_hash);
create index user_tokens_user_idx on user_tokens (user_id, purpose, created_at desc);
