-- The consent log: what a person agreed to or withdrew, append-only. A person is known by their
-- account, email (lower case) or phone (E.164); the current state of a purpose is its latest entry
-- for any of them. No foreign key to users: the log outlives an account (an erasure redacts it).
create table consents (
    id uuid primary key,
    at timestamptz not null,
    user_id uuid,
    email text check (email = lower(email) and length(email) between 3 and 254),
    phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
    purpose text not null check (purpose in ('processing', 'marketing', 'whatsapp')),
    granted boolean not null,
    channel text not null check (channel in ('web', 'whatsapp', 'console', 'api')),
    notice_version text not null check (length(notice_version) between 1 and 40),
    -- who an entry is about is given when it is written (an erasure may blank it later)
    client_address text check (length(client_address) <= 100)
);

-- look-ups of a person's entries, newest first, by each thing they may be known by
create index consents_user_idx on consents (user_id, at desc, id desc) where user_id is not null;
create index consents_email_idx on consents (email, at desc, id desc) where email is not null;
create index consents_phone_idx on consents (phone, at desc, id desc) where phone is not null;

-- Entries are never changed or deleted; an erasure may only blank who an entry was about.
create function consents_are_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE'
            or new.id <> old.id or new.at <> old.at or new.purpose <> old.purpose
            or new.granted <> old.granted or new.channel <> old.channel
            or new.notice_version <> old.notice_version
            or new.user_id is distinct from old.user_id and new.user_id is not null
            or new.email is distinct from old.email and new.email is not null
            or new.phone is distinct from old.phone and new.phone is not null
            or new.client_address is distinct from old.client_address and new.client_address is not null then
        raise exception 'consents are append-only (an erasure may only blank who an entry was about)';
    end if;
    return new;
end
$$;

create trigger consents_append_only
    before update or delete on consents
    for each row execute function consents_are_append_only();
