-- An earlier text of a post says whether readers saw it: a text replaced while the post was hidden
-- was its author's alone (often the very text that hid it), and a restore must not publish it
-- through the post's history. Earlier rows cannot tell and stay shown.
alter table community_post_edits add column shown boolean not null default true;

-- Every warning of the shop is a notification of its own: one about a review or a profile names no
-- actor, post or comment, so as a repeat of the first it was dropped; repeats of the members' own
-- actions (a like, a follow) still add nothing.
drop index community_notifications_once_idx;
create unique index community_notifications_once_idx
    on community_notifications (recipient_id, kind, actor_id, post_id, comment_id) nulls not distinct
    where kind <> 'warned';

-- A post's comment recount reads all its comments, replies too: community_comments_post_idx holds
-- top-level comments only, so the recount read the whole table. The parent and the status are
-- included so that it reads the index alone.
create index community_comments_post_all_idx on community_comments (post_id) include (parent_id, status);
