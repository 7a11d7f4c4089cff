-- Posts, their pictures and tagged products, edit history, likes and comments (module community).
-- Ids are UUIDv7: ordering by id is ordering by creation time, and the feed's cursor is a post id.
create table community_posts (
    id            uuid primary key,
    author_id     uuid        not null references community_profiles (user_id) on delete cascade,
    text          text        not null check (length(text) between 1 and 2000),
    -- visible; hidden: shown to its author alone until an operator reviews it; removed by an
    -- operator; deleted by its author (soft: gone from every feed at once)
    status        text        not null default 'visible' check (status in ('visible', 'hidden', 'removed', 'deleted')),
    like_count    integer     not null default 0 check (like_count >= 0),
    comment_count integer     not null default 0 check (comment_count >= 0),
    created_at    timestamptz not null,
    edited_at     timestamptz
);
-- the feed and a profile's posts: one backward index-only scan per author, newest first; the status is
-- included so that the feed's candidates need no heap access (ADR 0030)
create index community_posts_author_idx on community_posts (author_id, id desc) include (status)
    where status in ('visible', 'hidden');
-- explore: every visible post, newest first
create index community_posts_visible_idx on community_posts (id desc) where status = 'visible';

-- a post's earlier texts, one row per edit
create table community_post_edits (
    id        uuid primary key,
    post_id   uuid        not null references community_posts (id) on delete cascade,
    text      text        not null,
    edited_at timestamptz not null
);
create index community_post_edits_post_idx on community_post_edits (post_id, edited_at);

-- pictures: uploaded first (post_id null, owned by the uploader), then used by one post;
-- unused uploads are swept after a while
create table community_post_images (
    id         uuid primary key,
    owner_id   uuid        not null references community_profiles (user_id) on delete cascade,
    post_id    uuid references community_posts (id) on delete cascade,
    position   smallint    not null default 0 check (position between 0 and 3),
    sha256     text        not null,
    width      integer     not null,
    height     integer     not null,
    renditions jsonb       not null,
    created_at timestamptz not null
);
create index community_post_images_post_idx on community_post_images (post_id, position) where post_id is not null;
create index community_post_images_unused_idx on community_post_images (created_at) where post_id is null;
create index community_post_images_hash_idx on community_post_images (sha256);

-- products tagged in a post, in the author's order
create table community_post_products (
    post_id    uuid     not null references community_posts (id) on delete cascade,
    product_id uuid     not null,
    position   smallint not null check (position between 0 and 3),
    primary key (post_id, product_id)
);

-- likes: one row per post and user; an unlike clears active, so a re-like is not announced again
create table community_likes (
    post_id    uuid        not null references community_posts (id) on delete cascade,
    user_id    uuid        not null references community_profiles (user_id) on delete cascade,
    active     boolean     not null default true,
    created_at timestamptz not null,
    primary key (post_id, user_id)
);

-- comments, replies one level deep (a reply's parent is always a top-level comment)
create table community_comments (
    id         uuid primary key,
    post_id    uuid        not null references community_posts (id) on delete cascade,
    parent_id  uuid references community_comments (id) on delete cascade,
    author_id  uuid        not null references community_profiles (user_id) on delete cascade,
    text       text        not null check (length(text) between 1 and 1000),
    status     text        not null default 'visible' check (status in ('visible', 'hidden', 'removed', 'deleted')),
    created_at timestamptz not null,
    edited_at  timestamptz
);
-- a post's top-level comments, oldest first, and each one's replies
create index community_comments_post_idx on community_comments (post_id, id) where parent_id is null;
create index community_comments_parent_idx on community_comments (parent_id, id) where parent_id is not null;
