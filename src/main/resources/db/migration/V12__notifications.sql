-- Mails the shop sent, one row per (kind, key): a mail job that runs twice sends once. Written in the
-- transaction that hands the mail over, so a failed hand-over leaves no row and the job retries.
create table sent_mails (
    kind       text        not null,
    key        text        not null,
    recipient  text        not null,
    transport  text        not null check (transport in ('smtp', 'mailbox')),
    sent_at    timestamptz not null,
    primary key (kind, key)
);

-- The development mailbox: what the shop would have sent when no SMTP server is configured.
create table mailbox_messages (
    id         uuid primary key,
    recipient  text        not null,
    subject    text        not null,
    text_body  text        not null,
    html_body  text        not null,
    kind       text        not null,
    key        text        not null,
    locale     text        not null,
    created_at timestamptz not null,
    unique (kind, key)
);
create index mailbox_messages_recent_idx on mailbox_messages (created_at desc, id);
create index mailbox_messages_recipient_idx on mailbox_messages (lower(recipient), created_at desc);
