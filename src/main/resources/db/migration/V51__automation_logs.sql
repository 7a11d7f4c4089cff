-- Run and step logs of workflows, redacted of personal data before they are written. No foreign
-- keys: runs and workflows are tables of their own, and logs are pruned on their own schedule.
-- Ids are time-ordered (UUIDv7) and carry the millisecond of `at`, so `id desc` is newest first and
-- a time range is also a range of ids.
create table automation_logs (
    id uuid primary key,
    at timestamptz not null,
    workflow_id uuid not null,
    run_id uuid,
    step text check (length(step) between 1 and 200),
    level text not null check (level in ('debug', 'info', 'warn', 'error')),
    status text not null check (length(status) between 1 and 40),
    message text not null check (length(message) <= 4000),
    data jsonb not null default '{}',
    pii_redacted boolean not null
);

-- every filter in keyset order (newest first); time ranges and pruning use the primary key
create index automation_logs_workflow_idx on automation_logs (workflow_id, id desc);
create index automation_logs_run_idx on automation_logs (run_id, id desc) where run_id is not null;
create index automation_logs_status_idx on automation_logs (status, id desc);
create index automation_logs_level_idx on automation_logs (level, id desc);
