-- Secrets the platform generates once when the environment supplies none (e.g. the key that signs
-- file URLs), shared by every instance.
create table platform_secrets (
    name       text primary key,
    value      text        not null,
    created_at timestamptz not null
);

-- One PDF receipt per paid order, rendered by a job and kept in the file store under a private key.
create table order_receipts (
    order_id   uuid primary key references orders (id),
    file_key   text        not null unique,
    created_at timestamptz not null
);
