-- What operators did: append-only, written in the transaction of the action it records.
create table audit_log (
    id uuid primary key,
    at timestamptz not null,
    actor_id uuid,
    actor text,
    action text not null check (length(action) between 1 and 100),
    target_type text not null check (length(target_type) between 1 and 100),
    target_id text not null check (length(target_id) between 1 and 200),
    reason text check (length(reason) <= 1000),
    details jsonb not null default '{}',
    client_address text
);

-- the console's views: newest first, by actor, by action, by target; keyset pages on (at, id)
create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_actor_idx on audit_log (actor_id, at desc, id desc);
create index audit_log_action_idx on audit_log (action, at desc, id desc);
create index audit_log_target_idx on audit_log (target_type, target_id, at desc, id desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;

create trigger audit_log_append_only
    before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
