-- The community's profiles and the social graph (module community).
-- A profile belongs to a user account (same id); it is made on the user's first community action.
create table community_profiles (
    user_id           uuid primary key,
    handle            text        not null check (handle ~ '^[a-z0-9_]{3,30}$'),
    display_name      text        not null check (length(display_name) between 1 and 100),
    bio               text        not null default '' check (length(bio) <= 500),
    -- moderation: hidden shows the profile's name and bio to its owner alone until reviewed
    status            text        not null default 'visible' check (status in ('visible', 'hidden', 'removed')),
    avatar_url        text,
    avatar_hash       text,
    avatar_renditions jsonb,
    follower_count    integer     not null default 0 check (follower_count >= 0),
    following_count   integer     not null default 0 check (following_count >= 0),
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index community_profiles_handle_idx on community_profiles (handle);

-- who follows whom; the primary key answers "does A follow B" and A's followings
create table community_follows (
    follower_id uuid        not null references community_profiles (user_id) on delete cascade,
    followed_id uuid        not null references community_profiles (user_id) on delete cascade,
    created_at  timestamptz not null,
    primary key (follower_id, followed_id),
    check (follower_id <> followed_id)
);
-- a profile's followers and followings, newest first, for cursor pagination
create index community_follows_followers_idx on community_follows (followed_id, created_at desc, follower_id);
create index community_follows_following_idx on community_follows (follower_id, created_at desc, followed_id);

-- blocks: the blocked user cannot follow or mention the blocker, and neither sees the other's content
create table community_blocks (
    blocker_id uuid        not null references community_profiles (user_id) on delete cascade,
    blocked_id uuid        not null references community_profiles (user_id) on delete cascade,
    created_at timestamptz not null,
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
);
create index community_blocks_blocked_idx on community_blocks (blocked_id, blocker_id);
