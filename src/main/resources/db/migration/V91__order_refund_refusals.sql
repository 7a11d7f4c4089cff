-- Refunds of an order that the payment provider refused for good, one row per payment refund: the
-- order no longer counts their money as refunded, and its customer is shown the refused money that
-- no later refund has paid back yet. The primary key makes a repeated refusal count once.
create table order_refund_refusals (
    payment_refund uuid primary key,
    order_id       uuid        not null references orders (id),
    amount_minor   bigint      not null check (amount_minor > 0),
    reason         text        not null,
    refused_at     timestamptz not null
);
create index order_refund_refusals_order_idx on order_refund_refusals (order_id, refused_at);

-- Refusals from before were kept only as history notes
-- (refund refused by the provider: <amount> <currency>: <reason> (refund <id>)). Their orders go on
-- counting them as refunded, as they did: an operator settled them by hand.
insert into order_refund_refusals (payment_refund, order_id, amount_minor, reason, refused_at)
select distinct on (m[4]::uuid) m[4]::uuid, h.order_id, replace(m[1], '.', '')::bigint, left(m[3], 500), h.at
from order_history h
cross join lateral regexp_match(
    h.note,
    '^refund refused by the provider: ([0-9]+(?:\.[0-9]+)?) ([A-Z]{3}): (.*) \(refund ([0-9a-f-]{36})\)$') m
where h.note like 'refund refused by the provider: %' and m is not null
order by m[4]::uuid, h.id;
