-- The language the shopper checked out in (a page's, an API client's Accept-Language, a chat's):
-- a guest's order mails speak it; a customer's speak their account's. Orders from before have none
-- and keep the shop's default.
alter table orders add column language text check (language ~ '^[a-z]{2,8}$');
