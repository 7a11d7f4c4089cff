-- A review its author deleted while moderation had it hidden: they may not write that product's
-- review again, which would show the same text with its reports closed.
alter table community_reviews add column deleted_while_hidden boolean not null default false;
create index community_reviews_deleted_hidden_idx on community_reviews (product_id, author_id)
    where deleted_while_hidden;
