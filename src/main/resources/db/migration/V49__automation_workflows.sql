-- Workflows, their versions, runs and step runs (module automation). Ids are UUIDv7.
create table automation_workflows (
    id              uuid primary key,
    -- the name in /api/v1/triggers/{key} and in the console's URLs
    key             text        not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name            text        not null check (length(name) between 1 and 200),
    enabled         boolean     not null default false,
    current_version integer     not null check (current_version >= 1),
    -- trigger of the current version, copied out of the definition for the event and cron look-ups
    trigger_type    text        not null check (trigger_type in ('webhook', 'cron', 'event')),
    trigger_event   text,
    -- raised whenever the schedule changes: a planned cron job of an older generation does nothing
    schedule_generation integer not null default 0,
    -- secret of the outgoing webhook signatures, encrypted like connector credentials
    signing_secret  bytea       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
-- which enabled workflows a store event starts
create index automation_workflows_event_idx on automation_workflows (trigger_event) where enabled;

-- every saved definition; a run records the version it ran
create table automation_workflow_versions (
    workflow_id uuid        not null references automation_workflows (id) on delete cascade,
    version     integer     not null,
    definition  jsonb       not null,
    created_at  timestamptz not null,
    created_by  uuid,
    primary key (workflow_id, version)
);

create table automation_runs (
    id               uuid primary key,
    workflow_id      uuid        not null references automation_workflows (id) on delete cascade,
    version          integer     not null,
    -- queued → running → succeeded | failed; a failed run resumed goes back to running
    status           text        not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    trigger_type     text        not null check (trigger_type in ('webhook', 'cron', 'event', 'manual')),
    payload          jsonb       not null,
    -- a webhook trigger's Idempotency-Key and the SHA-256 of its body: a repeat answers the same run
    idempotency_key  text,
    payload_sha256   bytea,
    failed_step      text,
    error            text,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    foreign key (workflow_id, version) references automation_workflow_versions (workflow_id, version)
);
create unique index automation_runs_idempotency_idx on automation_runs (workflow_id, idempotency_key)
    where idempotency_key is not null;
create index automation_runs_workflow_idx on automation_runs (workflow_id, id desc);
create index automation_runs_status_idx on automation_runs (status, id desc);

-- one row per step that started; its output is what later steps' templates read
create table automation_step_runs (
    run_id              uuid        not null references automation_runs (id) on delete cascade,
    position            integer     not null,
    step                text        not null,
    connector           text        not null,
    status              text        not null check (status in ('running', 'succeeded', 'skipped', 'failed')),
    attempts            integer     not null default 0,
    output              jsonb,
    provider_message_id text,
    error               text,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    primary key (run_id, position)
);
