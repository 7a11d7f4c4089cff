-- Jobs that failed every attempt of their retry policy. An operator replays them (requeued_at).
create table job_dead_letters (
    id            uuid primary key,
    task_name     text        not null,
    task_instance text        not null,
    queue         text        not null check (queue in ('critical', 'default', 'bulk')),
    priority      smallint    not null,
    payload       jsonb       not null,
    last_error    text        not null,
    attempts      int         not null,
    enqueued_at   timestamptz not null,
    failed_at     timestamptz not null,
    requeued_at   timestamptz
);
create index job_dead_letters_waiting_idx on job_dead_letters (failed_at desc, id) where requeued_at is null;
create index job_dead_letters_task_idx on job_dead_letters (task_name, failed_at desc);
