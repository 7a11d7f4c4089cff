-- A receipt is made again after each refund, showing what was refunded: the refunded amount it shows
-- tells whether the stored one is the latest.
alter table order_receipts add column refunded_minor bigint not null default 0;
