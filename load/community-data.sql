-- Bulk community for load/community-bench.sh (psql, variables: users, posts, follows, password_of).
-- Writes :users members (identity users with the password hash of the account :password_of, their
-- customer role and community profile), :follows follows and :posts posts over the last year,
-- straight into the database: the shape of a community after a year, made in a few minutes.
--
-- Members are numbered n = 1..:users, email bench-<n>@bench.dukkan.local, handle bench_<n>.
-- Follows are skewed: every tenth member (and member 1) follows 500 to 1,000 accounts, the others
-- share what is left of :follows; member 1 follows exactly min(1,000, :users - 1) accounts, the next
-- ones round the ring. Followings are spread evenly round the ring of members (distinct, never
-- oneself). Posts have authors skewed towards a few prolific members (density ~ 1/sqrt), spread
-- over permuted member numbers; 1 % of them are deleted. Ids are UUIDv7 of the row's creation time,
-- as Ids.newId makes them. Counters (follower, following) are made consistent at the end.
\set ON_ERROR_STOP on
\timing on

set synchronous_commit = off;
set maintenance_work_mem = '512MB';
set work_mem = '256MB';
-- the rows are consistent by construction: no per-row foreign-key triggers for 10 million follows
set session_replication_role = replica;

-- a UUIDv7 for a time: 48 bits of Unix milliseconds, version 7, the rest random (RFC 9562)
create function pg_temp.uuid7(at timestamptz) returns uuid
    language sql volatile as
$$
select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                                      placing substring(int8send((extract(epoch from at) * 1000)::bigint) from 3)
                                      from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
$$;

select password_hash as bench_hash from users where email = :'password_of' \gset

-- A table's secondary indexes are dropped before its rows are written and built again afterwards
-- (sorted builds instead of 10 million random insertions into each: minutes instead of a quarter of
-- an hour); their definitions are read from the catalog, so indexes a later migration adds come back
-- too. Primary keys stay, except the follows' (no foreign key points at it).
create temp table bench_indexes as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition,
       c.conname as constraint_name, pg_get_constraintdef(c.oid) as constraint_definition,
       i.indrelid::regclass::text as table_name
from pg_index i
         left join pg_constraint c on c.conindid = i.indexrelid and c.contype in ('p', 'u')
where i.indrelid in ('community_follows'::regclass, 'community_posts'::regclass)
  and (c.conname is null or i.indrelid = 'community_follows'::regclass);

begin;

do
$$
    declare
        r record;
    begin
        for r in select * from bench_indexes loop
            if r.constraint_name is null then
                execute format('drop index %s', r.name);
            else
                execute format('alter table %s drop constraint %I', r.table_name, r.constraint_name);
            end if;
        end loop;
    end
$$;

-- ---------------------------------------------------------------- members
create temp table bench_members as
select n,
       pg_temp.uuid7(ts) as id,
       ts as created_at,
       -- following count: heavy readers (every tenth, and member 1) follow 500..1,000 accounts
       case
           when n = 1 then least(1000, :users - 1)
           when n % 10 = 0 then least(:users - 1, 500 + (n::bigint * 7919) % 501)
       end as heavy
from (select n, now() - interval '730 days' + (n::float8 / :users) * interval '700 days' as ts
      from generate_series(1, :users) n) m;
alter table bench_members add primary key (n);

-- the light members share the rest of :follows, each between 0.5 and 1.5 times the mean
select greatest(0, (:follows - coalesce(sum(heavy), 0)) / greatest(1, count(*) filter (where heavy is null)))::int
           as light_mean
from bench_members \gset
update bench_members
set heavy = least(:users - 1, greatest(0, (:light_mean * (0.5 + ((n::bigint * 104729) % 1000) / 1000.0))::int))
where heavy is null;
alter table bench_members rename column heavy to following;
analyze bench_members;

insert into users (id, email, display_name, password_hash, enabled, created_at, updated_at, locale)
select id, 'bench-' || n || '@bench.dukkan.local', 'Bench Member ' || n, :'bench_hash', true, created_at, created_at,
       (array ['en', 'de', 'ar'])[1 + n % 3]
from bench_members
order by n;

insert into user_roles (user_id, role)
select id, 'customer'
from bench_members;

insert into community_profiles (user_id, handle, display_name, bio, status, follower_count, following_count,
                                created_at, updated_at)
select id, 'bench_' || n, 'Bench Member ' || n,
       case when n % 4 = 0 then 'Cooking, travel and the odd gadget. Member number ' || n || '.' else '' end,
       'visible', 0, following, created_at, created_at
from bench_members
order by n;

-- ---------------------------------------------------------------- follows
-- member n's k-th following (k = 0..following-1) is the member 1 + floor(k * (users - 1) / following)
-- places further round the ring: distinct offsets in 1..users-1, so never n itself
insert into community_follows (follower_id, followed_id, created_at)
select f.id, t.id, least(now(), greatest(f.created_at, t.created_at) + interval '1 hour' * (k % 1000))
from bench_members f
         cross join lateral generate_series(0, f.following - 1) k
         join bench_members t
              on t.n = 1 + ((f.n - 1) + 1 + (k::bigint * (:users - 1)) / f.following) % :users
order by f.n, k;

update community_profiles p
set follower_count = c.followers
from (select followed_id, count(*)::int as followers from community_follows group by 1) c
where p.user_id = c.followed_id
  and p.handle like 'bench\_%';

-- ---------------------------------------------------------------- posts
-- author: member 1 + (floor(users * r^2) * 7919) mod users, r uniform: a few members write much
insert into community_posts (id, author_id, text, status, like_count, comment_count, created_at)
select pg_temp.uuid7(at), a.id,
       (array ['Just tried the new espresso blend, strong and smooth.',
           'Weekend project: a shelf from old crates. Photos soon!',
           'Does anyone know a good pair of running shoes for flat feet?',
           'Morgens Tee, abends Kaffee – oder umgekehrt?',
           'قهوة الصباح مع كتاب جيد، أفضل بداية لليوم.',
           'Packing list for the mountains: what would you add?',
           'The garden finally has tomatoes. Worth every minute.'])[1 + g % 7] || ' #' || g,
       case when g % 100 = 0 then 'deleted' else 'visible' end, 0, 0, at
from (select g, now() - random() * interval '365 days' as at,
             1 + ((floor(:users * power(random(), 2))::bigint * 7919) % :users) as author
      from generate_series(1, :posts) g) p
         join bench_members a on a.n = p.author
order by at;

do
$$
    declare
        r record;
    begin
        for r in select * from bench_indexes loop
            if r.constraint_name is null then
                execute r.definition;
            else
                execute format('alter table %s add constraint %I %s', r.table_name, r.constraint_name,
                               r.constraint_definition);
            end if;
        end loop;
    end
$$;

reset session_replication_role;
commit;

vacuum (analyze) users, user_roles, community_profiles, community_follows, community_posts;

select count(*) as members from community_profiles where handle like 'bench\_%';
select count(*) as follows from community_follows;
select count(*) as posts from community_posts;
select following_count as member_1_follows from community_profiles where handle = 'bench_1';
