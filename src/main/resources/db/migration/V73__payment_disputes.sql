-- Disputes (chargebacks) the provider reports on a payment: the customer's bank takes the money back
-- unless the shop answers with evidence by due_by and wins. One row per provider dispute, brought up
-- to date by each of its events; closed_at once it ended (won, lost or a closed warning).
create table payment_disputes (
    id                  uuid primary key,
    payment_id          uuid        not null references payments (id),
    provider            text        not null,
    provider_dispute_id text        not null check (length(provider_dispute_id) between 1 and 255),
    amount_minor        bigint      not null check (amount_minor >= 0),
    currency            text        not null,
    reason              text        not null check (length(reason) <= 100),
    status              text        not null check (length(status) <= 50),
    due_by              timestamptz,
    opened_at           timestamptz not null,
    updated_at          timestamptz not null,
    -- when the provider made the event the row shows: an older one, delivered late, changes nothing
    last_event_at       timestamptz not null,
    closed_at           timestamptz
);
create unique index payment_disputes_provider_uq on payment_disputes (provider, provider_dispute_id);
-- a payment's disputes (the order's page, erasure and export by payment)
create index payment_disputes_payment_idx on payment_disputes (payment_id);
