-- Connector credentials (Slack webhook URLs, WhatsApp tokens), each value sealed with AES-256-GCM
-- under dukkan.automation.credentials-key: version byte, key id, nonce, ciphertext and tag. The key
-- itself is never stored in the database; key_id says which key sealed a row.
create table automation_credentials (
    name       text primary key check (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    connector  text        not null,
    sealed     bytea       not null,
    key_id     text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
