-- Payments: one row per payment intent created with a provider. The row is written only after the
-- provider answered, so a failed creation leaves nothing behind; the idempotency key makes a retry
-- return the same row. `reference` names what is paid for (an order id) without a foreign key.
create table payments (
    id                  uuid primary key,
    reference           text        not null check (length(reference) between 1 and 200),
    provider            text        not null,
    provider_payment_id text        not null,
    client_secret       text        not null,
    idempotency_key     text        not null check (length(idempotency_key) between 1 and 255),
    amount_minor        bigint      not null check (amount_minor > 0),
    currency            char(3)     not null,
    status              text        not null
        check (status in ('requires_action', 'processing', 'succeeded', 'failed')),
    refunded_minor      bigint      not null default 0 check (refunded_minor >= 0),
    failure_reason      text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create unique index payments_idempotency_key_uq on payments (idempotency_key);
create unique index payments_provider_payment_uq on payments (provider, provider_payment_id);
create index payments_reference_idx on payments (reference);

-- Refunds the shop asked for; a job carries each out with the provider (idempotency key = id).
create table payment_refunds (
    id                 uuid primary key,
    payment_id         uuid        not null references payments (id),
    amount_minor       bigint      not null check (amount_minor > 0),
    currency           char(3)     not null,
    reason             text        not null default '',
    idempotency_key    text        not null check (length(idempotency_key) between 1 and 255),
    status             text        not null check (status in ('pending', 'succeeded', 'failed')),
    provider_refund_id text,
    attempts           int         not null default 0,
    last_error         text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create unique index payment_refunds_idempotency_key_uq on payment_refunds (idempotency_key);
create index payment_refunds_payment_idx on payment_refunds (payment_id);

-- Provider events as received (webhook inbox): recorded once per provider event id, processed by
-- a retried job. processed_at is set in the processing transaction.
create table payment_events (
    id                uuid primary key,
    provider          text        not null,
    provider_event_id text        not null,
    type              text        not null,
    payload           jsonb       not null,
    received_at       timestamptz not null,
    processed_at      timestamptz,
    attempts          int         not null default 0,
    last_error        text
);
create unique index payment_events_provider_event_uq on payment_events (provider, provider_event_id);
create index payment_events_unprocessed_idx on payment_events (received_at) where processed_at is null;

-- The built-in test provider's own side (what Stripe keeps on its servers), shared by all instances.
create table test_payment_intents (
    id              text        primary key,
    client_secret   text        not null,
    idempotency_key text        not null,
    amount          bigint      not null check (amount > 0),
    currency        char(3)     not null,
    status          text        not null
        check (status in ('requires_payment_method', 'requires_action', 'succeeded')),
    reference       text        not null,
    amount_refunded bigint      not null default 0 check (amount_refunded >= 0 and amount_refunded <= amount),
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create unique index test_payment_intents_client_secret_uq on test_payment_intents (client_secret);
create unique index test_payment_intents_idempotency_key_uq on test_payment_intents (idempotency_key);

create table test_payment_refunds (
    id                text        primary key,
    payment_intent_id text        not null references test_payment_intents (id),
    idempotency_key   text        not null,
    amount            bigint      not null check (amount > 0),
    created_at        timestamptz not null
);
create unique index test_payment_refunds_idempotency_key_uq on test_payment_refunds (idempotency_key);
