-- Uploaded product images (ADR 0027): the renditions made on upload and the source's hash.
-- width and height stay the picture's own size (after its EXIF orientation); url is the widest rendition,
-- so everything that reads only url (cards, exports, structured data) keeps working. Media added by URL
-- (demo data, CSV imports, the media API) have no hash and no renditions.
alter table product_media
    add column content_hash text check (content_hash ~ '^[0-9a-f]{64}$'),
    -- [{"width": 320, "height": 240, "key": "products/images/ab/ab…-320.jpg", "url": "/files/…"}, …], narrowest first
    add column renditions   jsonb not null default '[]'::jsonb check (jsonb_typeof(renditions) = 'array');

-- a deleted image's files go only when no other row (the same file uploaded twice) still uses them
create index product_media_content_hash_idx on product_media (content_hash) where content_hash is not null;
