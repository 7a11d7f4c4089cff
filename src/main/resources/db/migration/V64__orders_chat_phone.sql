-- The WhatsApp number an order was placed from, which the chat finds the order by ("orders",
-- "status DK-…", "return DK-…", the last address). Not the address's phone: a web buyer may type
-- someone else's (a gift's recipient), who must not see the order by writing from that number.
alter table orders add column chat_phone text;
create index orders_chat_phone_idx on orders (chat_phone, paid_at desc) where number is not null and chat_phone is not null;
