-- WhatsApp: webhook deliveries recorded once, conversations and their messages.

-- Every message and status update Meta delivers, once by its id (Meta redelivers). The payload is
-- kept only until its job has processed it; the row stays to refuse redeliveries.
create table whatsapp_inbox (
    id              text primary key,            -- wamid… of a message; status:<wamid>:<status> of a status update
    kind            text not null check (kind in ('message', 'status')),
    phone           text not null,               -- the customer's number, E.164 digits without '+'
    payload         jsonb,
    received_at     timestamptz not null,
    processed_at    timestamptz
);
create index whatsapp_inbox_processed_idx on whatsapp_inbox (processed_at) where processed_at is not null;
create index whatsapp_inbox_phone_idx on whatsapp_inbox (phone);

create table whatsapp_conversations (
    id              uuid primary key,
    phone           text not null,               -- E.164 digits without '+'
    simulated       boolean not null,            -- the console's chat simulator: nothing goes to Meta
    language        text,                        -- 'en' or 'ar' when the customer chose
    consent         text not null default 'asked' check (consent in ('asked', 'granted', 'declined')),
    opted_out       boolean not null default false,
    state           jsonb not null default '{}'::jsonb,
    cart_id         uuid,
    draft_id        uuid,
    last_inbound_at timestamptz,                 -- opens the 24-hour customer service window
    last_message_at timestamptz not null,
    created_at      timestamptz not null,
    unique (phone, simulated)
);
create index whatsapp_conversations_recent_idx on whatsapp_conversations (last_message_at desc, id desc);
create index whatsapp_conversations_draft_idx on whatsapp_conversations (draft_id) where draft_id is not null;
-- exports and erasures find a customer who gave an email in the chat's checkout by it
create index whatsapp_conversations_email_idx on whatsapp_conversations (lower(state ->> 'email'));

create table whatsapp_messages (
    id              uuid primary key,
    conversation_id uuid not null references whatsapp_conversations (id) on delete cascade,
    direction       text not null check (direction in ('in', 'out')),
    wa_message_id   text unique,                 -- Meta's id: of an inbound message, or of a sent one once accepted
    kind            text not null,               -- text, interactive, location, template, unsupported…
    summary         text not null,               -- what the transcript shows
    payload         jsonb not null,              -- inbound: the message as received; outbound: what is sent
    status          text not null check (status in
                        ('received', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped')),
    error           text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    delivered_at    timestamptz,
    read_at         timestamptz
);
create index whatsapp_messages_conversation_idx on whatsapp_messages (conversation_id, created_at, id);
create index whatsapp_messages_failed_idx on whatsapp_messages (created_at desc) where status = 'failed';

-- A status update that arrived before the send it reports was recorded (Meta does not keep order).
create table whatsapp_early_statuses (
    wa_message_id   text not null,
    status          text not null,
    at              timestamptz not null,
    error           text,
    primary key (wa_message_id, status)
);
