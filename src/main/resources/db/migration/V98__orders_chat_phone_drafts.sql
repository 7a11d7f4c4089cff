-- The orders and drafts placed from a WhatsApp number: the accounts and emails the number is linked
-- to, whose WhatsApp consent holds for it. orders_chat_phone_idx covers placed orders only.
create index orders_chat_phone_drafts_idx on orders (chat_phone) where chat_phone is not null;
