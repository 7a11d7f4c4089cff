-- The catalog's copy of each product's rating (average of its visible reviews, one decimal, and
-- their count), written by the community through ProductRatings in the review's transaction. Kept
-- beside the product rather than in it, so that a review does not rewrite the product's row; a
-- product without reviews has no row. Listings read it with the products (ListingIndex).
create table product_ratings (
    product_id uuid primary key references products (id) on delete cascade,
    average    numeric(2, 1) not null check (average between 1 and 5),
    count      int           not null check (count > 0),
    updated_at timestamptz   not null
);
