-- No query looks orders up by payment_id (payments carry the order id as their reference), yet
-- every order write that is not a HOT update maintained this index: three per paid order. Without
-- it, attaching a payment intent to a draft changes no indexed column and can be a HOT update.
drop index if exists orders_payment_idx;
