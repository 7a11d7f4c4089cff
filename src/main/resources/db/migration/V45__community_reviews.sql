-- Product reviews by verified buyers (module community). The product is the catalog's and the
-- author an account of identity: ids, not foreign keys, across modules.
create table community_reviews (
    id          uuid primary key,
    product_id  uuid        not null,
    author_id   uuid        not null,
    rating      smallint    not null check (rating between 1 and 5),
    title       text check (length(title) between 1 and 120),
    body        text        not null check (length(body) between 1 and 5000),
    -- hidden: by a moderation rule or an operator, shown to its author alone and not counted until
    -- restored; removed: by an operator; deleted: by its author (kept, soft)
    status      text        not null check (status in ('visible', 'hidden', 'removed', 'deleted')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    edited_at   timestamptz
);
-- one review per customer and product; a deleted one makes room for a new one
create unique index community_reviews_author_product_uq on community_reviews (product_id, author_id)
    where status <> 'deleted';
-- a product's visible reviews: newest first (ids are UUIDv7, in order of creation), by stars
-- (filtered or best first), worst first; the summary's counts per star
create index community_reviews_newest_idx on community_reviews (product_id, id desc) where status = 'visible';
create index community_reviews_highest_idx on community_reviews (product_id, rating desc, id desc)
    where status = 'visible';
create index community_reviews_lowest_idx on community_reviews (product_id, rating asc, id desc)
    where status = 'visible';
-- a customer's own reviews, newest first
create index community_reviews_author_idx on community_reviews (author_id, id desc) where status <> 'deleted';

-- Each product's rating summary, recomputed from its visible reviews under this row's lock in every
-- transaction that changes them, so concurrent reviews cannot lose a count.
create table community_review_summaries (
    product_id uuid primary key,
    stars_1    int         not null default 0 check (stars_1 >= 0),
    stars_2    int         not null default 0 check (stars_2 >= 0),
    stars_3    int         not null default 0 check (stars_3 >= 0),
    stars_4    int         not null default 0 check (stars_4 >= 0),
    stars_5    int         not null default 0 check (stars_5 >= 0),
    updated_at timestamptz not null
);
