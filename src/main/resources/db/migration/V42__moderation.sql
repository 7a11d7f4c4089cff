-- Moderation (module moderation): rules, the queue of flagged and reported content, reports and warnings.

-- keyword rules hold words or phrases, pattern rules one RE2 expression (ADR 0029)
create table moderation_rules (
    id         uuid primary key,
    name       text        not null check (length(name) between 1 and 80),
    kind       text        not null check (kind in ('keyword', 'pattern')),
    terms      text[]      not null check (cardinality(terms) between 1 and 50),
    severity   text        not null check (severity in ('low', 'medium', 'high')),
    action     text        not null check (action in ('flag', 'hide', 'block', 'censor')),
    active     boolean     not null default true,
    created_at timestamptz not null,
    created_by text,
    updated_at timestamptz not null,
    updated_by text
);
create unique index moderation_rules_name_idx on moderation_rules (lower(name));

-- one entry per item: a new flag or report of a resolved item opens it again
create table moderation_entries (
    id           uuid primary key,
    item_kind    text        not null check (item_kind in ('post', 'comment', 'review', 'profile')),
    item_id      uuid        not null,
    author_id    uuid        not null,
    state        text        not null check (state in ('open', 'resolved')),
    reason       text        not null check (reason in ('rule', 'reports')),
    rules        text[]      not null default '{}',
    excerpt      text        not null default '',
    path         text,
    hidden       boolean     not null default false,
    -- reports since the entry was last resolved; reaching the threshold hides the item
    report_count integer     not null default 0 check (report_count >= 0),
    resolution   text check (resolution in ('restored', 'removed', 'warned', 'author-disabled', 'deleted')),
    resolved_by  uuid,
    resolved_at  timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create unique index moderation_entries_item_idx on moderation_entries (item_kind, item_id);
-- the queue: by state (and kind), newest change first, for cursor pagination
create index moderation_entries_queue_idx on moderation_entries (state, updated_at desc, id desc);
create index moderation_entries_kind_idx on moderation_entries (state, item_kind, updated_at desc, id desc);

-- one report per user and item
create table moderation_reports (
    id          uuid primary key,
    item_kind   text        not null,
    item_id     uuid        not null,
    reporter_id uuid        not null,
    reason      text        not null check (reason in ('spam', 'harassment', 'hate', 'nudity', 'violence', 'scam', 'other')),
    note        text check (length(note) <= 500),
    created_at  timestamptz not null,
    unique (item_kind, item_id, reporter_id)
);

-- warnings operators gave authors
create table moderation_warnings (
    id         uuid primary key,
    author_id  uuid        not null,
    entry_id   uuid        not null references moderation_entries (id),
    reason     text        not null,
    warned_by  uuid,
    created_at timestamptz not null
);
create index moderation_warnings_author_idx on moderation_warnings (author_id, created_at desc);
create index moderation_warnings_entry_idx on moderation_warnings (entry_id);
