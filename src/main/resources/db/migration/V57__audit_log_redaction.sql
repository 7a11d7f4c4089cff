-- An erasure redacts a person's email, phone and name in the audit log but keeps the entries: the
-- log stays append-only except for such a redaction, which a transaction announces with
-- set_config('dukkan.audit.redacting', 'on', true) and which may not change what was done, to what
-- or when.
create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and current_setting('dukkan.audit.redacting', true) = 'on'
       and new.id = old.id and new.at = old.at and new.actor_id is not distinct from old.actor_id
       and new.action = old.action and new.target_type = old.target_type and new.target_id = old.target_id then
        return new;
    end if;
    raise exception 'audit_log is append-only';
end
$$;

-- finding the entries that mention a person (a trigram index serves the case-insensitive pattern)
create index audit_log_text_trgm_idx on audit_log using gin (
    (lower(coalesce(actor, '') || ' ' || coalesce(reason, '') || ' ' || details::text)) gin_trgm_ops);
