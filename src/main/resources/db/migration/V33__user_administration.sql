-- Operators disable and enable accounts with a reason, and search them in the console.
alter table users
    add column disabled_reason text check (length(disabled_reason) between 1 and 500),
    add column disabled_at timestamptz,
    add column disabled_by uuid references users (id) on delete set null;

-- an account disabled before this migration (by hand) was disabled when it last changed
update users set disabled_at = updated_at where not enabled;

-- an active account carries no disabling; a disabled one says when (the reason and the operator
-- are absent only for accounts disabled before this migration, or whose operator was deleted)
alter table users add constraint users_disabled_state check (
    (enabled and disabled_at is null and disabled_reason is null and disabled_by is null)
    or (not enabled and disabled_at is not null));

-- the console's search: a case-insensitive substring of the email or the display name
create index users_email_trgm_idx on users using gin (lower(email) gin_trgm_ops);
create index users_display_name_trgm_idx on users using gin (lower(display_name) gin_trgm_ops);
-- the console's pages: newest accounts first
create index users_created_idx on users (created_at desc, id desc);

-- sign-in links mailed to operators
alter table user_tokens drop constraint user_tokens_purpose_check;
alter table user_tokens add constraint user_tokens_purpose_check
    check (purpose in ('email-verification', 'password-reset', 'magic-link'));
