-- What the shop's pages need of the catalog.

-- Products an operator puts on the home page.
alter table products add column featured boolean not null default false;
create index products_featured_idx on products (updated_at desc, id desc) where status = 'active' and featured;

-- Units sold per variant: raised when an order's stock is taken for good, lowered when a cancelled or
-- refunded order puts it back; "popular" ranks products by it. Not indexed, so the stock writes that
-- change it stay heap-only updates.
alter table variants add column sold int not null default 0 check (sold >= 0);

-- Pixel size of a picture when known: pages reserve its space and offer it in srcset.
alter table product_media
    add column width  int check (width between 1 and 20000),
    add column height int check (height between 1 and 20000);
