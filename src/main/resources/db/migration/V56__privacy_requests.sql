-- Exports and erasures of a person's data. The person is known by a keyed hash (HMAC-SHA256 of
-- "email:<address>" or "phone:<number>"), never by the plain address; while a request runs, the
-- subject (account, email, phone, name) is kept in "subject" for the parts' jobs and cleared when
-- it ends.
create table privacy_requests (
    id           uuid primary key,
    kind         text        not null check (kind in ('export', 'erasure')),
    status       text        not null check (status in ('running', 'completed', 'failed')),
    subject_hash bytea       not null check (length(subject_hash) = 32),
    user_id      uuid,
    subject      jsonb,
    requested_by uuid,
    self_service boolean     not null,
    reason       text check (length(reason) between 1 and 500),
    file_key     text,
    created_at   timestamptz not null,
    completed_at timestamptz
);

-- a person is erased once: a second request answers the first
create unique index privacy_requests_erasure_uq on privacy_requests (subject_hash) where kind = 'erasure';
-- the console's list, newest first
create index privacy_requests_created_idx on privacy_requests (created_at desc, id desc);
-- a customer's own requests
create index privacy_requests_user_idx on privacy_requests (user_id, created_at desc) where user_id is not null;

-- Each module's part of an erasure (or an export): pending until its job has run, then done, or
-- failed when its job became a dead letter.
create table privacy_request_parts (
    request_id   uuid        not null references privacy_requests (id) on delete cascade,
    part         text        not null check (length(part) between 1 and 60),
    status       text        not null check (status in ('pending', 'done', 'failed')),
    completed_at timestamptz,
    primary key (request_id, part)
);
