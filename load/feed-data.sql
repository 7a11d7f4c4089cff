-- Community data at the scale of issue 17's feed target, and the feed's plan (ADR 0030). psql, variables:
-- users, posts, follows_each (accounts each member follows). Writes straight into the tables of V41/V44:
-- :users profiles, :posts posts by random authors over the last year (time-ordered UUIDv7 ids, as the
-- shop makes them), :follows_each follows per member, and member 1 following 1,000 accounts; then
-- EXPLAIN (ANALYZE, BUFFERS) of the feed's first and a later page for member 1, the query of
-- PostRepository.following. Made for a scratch database: it adds rows, it never deletes any.
\set ON_ERROR_STOP on
\timing on

set synchronous_commit = off;

create or replace function pg_temp.member(n bigint) returns uuid language sql immutable as
$$ select ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$;

create or replace function pg_temp.uuid7(at timestamptz) returns uuid language sql volatile as
$$ select (lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') || '7'
           || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid $$;

insert into community_profiles (user_id, handle, display_name, created_at, updated_at)
select pg_temp.member(g), 'bench_' || g, 'Bench member ' || g, now(), now()
from generate_series(1, :users) g
on conflict do nothing;

insert into community_posts (id, author_id, text, status, created_at)
select pg_temp.uuid7(at), pg_temp.member(1 + (g::bigint * 7919) % :users), 'Bench post ' || g,
       case when g % 200 = 0 then 'hidden' when g % 100 = 0 then 'deleted' else 'visible' end, at
from (select g, now() - random() * interval '365 days' as at from generate_series(1, :posts) g) s;

-- member n follows n+997, n+2·997, … (distinct, never itself, as 997 and the member count share no factor)
insert into community_follows (follower_id, followed_id, created_at)
select pg_temp.member(u), pg_temp.member(1 + (u - 1 + k::bigint * 997) % :users), now()
from generate_series(2, :users) u, generate_series(1, :follows_each) k
on conflict do nothing;
insert into community_follows (follower_id, followed_id, created_at)
select pg_temp.member(1), pg_temp.member(1 + k * 89), now()
from generate_series(1, 1000) k
on conflict do nothing;

vacuum analyze community_profiles, community_posts, community_follows, community_blocks;

select count(*) as posts from community_posts;
select count(*) as follows from community_follows;
select count(*) as followed_by_member_1 from community_follows where follower_id = pg_temp.member(1);

-- the feed's first page for member 1 (PostRepository.following, limit 20)
prepare feed(uuid, uuid, int) as
with authors as (
    select f.followed_id as author_id from community_follows f
    where f.follower_id = $1
      and not exists (select 1 from community_blocks b
                      where (b.blocker_id = $1 and b.blocked_id = f.followed_id)
                         or (b.blocker_id = f.followed_id and b.blocked_id = $1))
    union all
    select $1
),
page as (
    select p.id
    from authors a
    cross join lateral (
        select p.id from community_posts p
        where p.author_id = a.author_id and p.status in ('visible', 'hidden') and p.id < $2
          and (p.status = 'visible' or p.author_id = $1)
        order by p.id desc
        limit $3
    ) p
    order by p.id desc
    limit $3
)
select p.id, p.author_id, p.text, p.status, p.like_count, p.comment_count, p.created_at, p.edited_at
from page join community_posts p on p.id = page.id
order by p.id desc;
explain (analyze, buffers, timing off, costs off) execute feed(pg_temp.member(1), 'ffffffff-ffff-ffff-ffff-ffffffffffff', 20);
explain (analyze, buffers, timing off, costs off) execute feed(pg_temp.member(1), 'ffffffff-ffff-ffff-ffff-ffffffffffff', 20);
-- a page a month back
select id as month_back from community_posts where author_id = pg_temp.member(1 + 89) and id < pg_temp.uuid7(now() - interval '30 days')
order by id desc limit 1 \gset
explain (analyze, buffers, timing off, costs off) execute feed(pg_temp.member(1), :'month_back', 20);
