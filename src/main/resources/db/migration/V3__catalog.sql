create table categories (
    id         uuid primary key,
    parent_id  uuid references categories (id),
    slug       text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
    name       text        not null check (length(name) between 1 and 120),
    position   int         not null default 0,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (parent_id <> id)
);
create unique index categories_slug_uq on categories (slug);
create index categories_parent_idx on categories (parent_id);

-- seller_id points at an identity account; modules do not share foreign keys.
create table products (
    id            uuid primary key,
    slug          text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
    name          text        not null check (length(name) between 1 and 200),
    description   text        not null default '' check (length(description) <= 20000),
    attributes    jsonb       not null default '{}'::jsonb check (jsonb_typeof(attributes) = 'object'),
    status        text        not null check (status in ('draft', 'active', 'archived')),
    seller_id     uuid        not null,
    category_id   uuid references categories (id),
    currency      char(3)     not null,
    -- derived from the active variants by trigger, so listings never aggregate variants
    min_price     bigint,
    max_price     bigint,
    total_stock   int         not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    search_vector tsvector generated always as (
        setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', description), 'B')
    ) stored
);
create unique index products_slug_uq on products (slug);
create index products_active_newest_idx on products (created_at desc, id desc) where status = 'active';
create index products_active_price_idx on products (min_price, id) where status = 'active';
create index products_active_category_idx on products (category_id) where status = 'active';
create index products_search_idx on products using gin (search_vector) where status = 'active';
create index products_name_trgm_idx on products using gin (name gin_trgm_ops) where status = 'active';
create index products_seller_idx on products (seller_id, created_at desc);

create table variants (
    id          uuid primary key,
    product_id  uuid        not null references products (id),
    sku         text        not null check (sku ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        text        not null default '' check (length(name) <= 120),
    attributes  jsonb       not null default '{}'::jsonb check (jsonb_typeof(attributes) = 'object'),
    price_minor bigint      not null check (price_minor between 0 and 100000000000),
    currency    char(3)     not null,
    stock       int         not null check (stock >= 0),
    active      boolean     not null default true,
    position    int         not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index variants_sku_uq on variants (lower(sku));
create index variants_product_idx on variants (product_id, position);

create table product_media (
    id         uuid primary key,
    product_id uuid        not null references products (id),
    url        text        not null check (length(url) <= 2048),
    alt        text        not null default '' check (length(alt) <= 300),
    position   int         not null,
    created_at timestamptz not null
);
create index product_media_product_idx on product_media (product_id, position);

create function refresh_product_prices() returns trigger
    language plpgsql as
$$
declare
    affected uuid;
begin
    -- Bulk loaders that write the derived columns themselves switch this off for their transaction.
    if current_setting('dukkan.defer_price_refresh', true) = 'on' then
        return null;
    end if;
    for affected in
        select distinct pid
        from unnest(array [
            case when tg_op <> 'INSERT' then old.product_id end,
            case when tg_op <> 'DELETE' then new.product_id end]) as pid
        where pid is not null
        loop
            update products p
            set min_price   = agg.min_price,
                max_price   = agg.max_price,
                total_stock = agg.stock
            from (select min(price_minor) as min_price, max(price_minor) as max_price, coalesce(sum(stock), 0) as stock
                  from variants
                  where product_id = affected
                    and active) agg
            where p.id = affected;
        end loop;
    return null;
end
$$;

create trigger variants_refresh_product_prices
    after insert or update of price_minor, stock, active, product_id or delete
    on variants
    for each row
execute function refresh_product_prices();
