-- What a keyed refund asked for (SHA-256 of its amount, lines and restock), so a replay of
-- its Idempotency-Key with another request is refused instead of answered as done. Refunds from
-- before have none and answer any replay of their key as done, as they did.
alter table order_refunds add column request_sha256 bytea;
