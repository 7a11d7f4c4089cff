-- Product CSV imports: who imported which file when, the progress of a running import and the
-- report of a finished one (counts and the rejected rows). An import that runs as a job keeps its
-- file in `content` until it ends, so that any worker can run it; the file is dropped then.
create table product_imports (
    id             uuid primary key,
    status         text        not null check (status in ('queued', 'validating', 'applying', 'completed', 'rejected', 'failed')),
    mode           text        not null check (mode in ('all-or-nothing', 'valid-only')),
    dry_run        boolean     not null,
    file_name      text        check (length(file_name) <= 255),
    total_rows     int         not null check (total_rows >= 0),
    processed_rows int         not null default 0 check (processed_rows >= 0),
    report         jsonb,
    content        bytea,
    -- the account that asked; seller_scope is that seller when the import may touch only its own products
    requested_by   uuid        not null,
    seller_scope   uuid,
    created_at     timestamptz not null,
    started_at     timestamptz,
    finished_at    timestamptz
);
-- the console: latest imports, everyone's or one account's
create index product_imports_created_idx on product_imports (created_at desc, id desc);
create index product_imports_requested_by_idx on product_imports (requested_by, created_at desc, id desc);
