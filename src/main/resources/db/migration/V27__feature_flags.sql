-- Feature flags read by the OpenFeature provider of every instance; changed through the admin API,
-- which tells the other instances at once (LISTEN/NOTIFY).
create table feature_flags (
    key         text        primary key check (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    enabled     boolean     not null,
    description text        not null check (length(description) <= 300),
    updated_at  timestamptz not null,
    -- the sign-in name of the operator who switched it last
    updated_by  text check (length(updated_by) <= 320)
);

insert into feature_flags (key, enabled, description, updated_at) values
    ('pwa', true, 'Installable shop: web app manifest and a service worker that serves visited pages offline', now()),
    ('realtime', true, 'Live stock: product and listing pages update availability as it changes', now()),
    ('points', true, 'Loyalty points and badges shown to customers', now()),
    ('recommendations', true, 'Recommended products and recently viewed products on the shop''s pages', now());
