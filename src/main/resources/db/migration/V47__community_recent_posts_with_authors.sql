-- Explore and the feed of members following many accounts read the shop's newest visible posts;
-- with the author in the index, the feed matches them against the followed accounts without
-- reading the table (ADR 0030).
drop index community_posts_visible_idx;
create index community_posts_visible_idx on community_posts (id desc) include (author_id) where status = 'visible';
