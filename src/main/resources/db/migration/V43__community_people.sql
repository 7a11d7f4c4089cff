-- Profiles, follows, blocks and in-app notifications (module community).

-- follower and following lists page newest first with (created_at, id) < cursor: both columns descending
drop index community_follows_followers_idx;
drop index community_follows_following_idx;
create index community_follows_followers_idx on community_follows (followed_id, created_at desc, follower_id desc);
create index community_follows_following_idx on community_follows (follower_id, created_at desc, followed_id desc);

-- in-app notifications; one per (recipient, kind, actor, post, comment): a repeated like or follow adds nothing
create table community_notifications (
    id           uuid primary key,
    recipient_id uuid        not null references community_profiles (user_id) on delete cascade,
    kind         text        not null check (kind in ('followed', 'liked', 'commented', 'replied', 'mentioned', 'warned')),
    -- who did it; none for a warning of the shop
    actor_id     uuid,
    post_id      uuid,
    comment_id   uuid,
    created_at   timestamptz not null,
    read_at      timestamptz,
    check (actor_id is null or actor_id <> recipient_id)
);
create unique index community_notifications_once_idx
    on community_notifications (recipient_id, kind, actor_id, post_id, comment_id) nulls not distinct;
-- a member's notifications, newest first
create index community_notifications_recipient_idx on community_notifications (recipient_id, created_at desc, id desc);
-- the header's unread count
create index community_notifications_unread_idx on community_notifications (recipient_id) where read_at is null;
