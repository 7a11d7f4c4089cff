-- What of each seller's part of an order counted as refunded, so that no refund counts more for a
-- seller than its lines were paid (ADR 0045). The shop's part is the rest of the order's refunds.
alter table order_sellers add column refunded_minor bigint not null default 0;

-- Refunds counted so far were not kept per order and seller: each seller's share of what its order
-- refunded, by what its lines were paid, rounded down as V36 counted them. An order refunded in full
-- gives each seller all it was paid.
update order_sellers s
set refunded_minor = least(s.paid_minor, floor(o.refunded_minor::numeric * s.paid_minor / o.total_minor))::bigint
from orders o
where o.id = s.order_id
  and o.refunded_minor > 0
  and o.total_minor > 0;

alter table order_sellers add constraint order_sellers_refunded_minor_check
    check (refunded_minor between 0 and paid_minor);
