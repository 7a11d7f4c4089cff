-- Bulk jobs enqueued while the shop is busy are written for later and marked; when the shop is no
-- longer busy one statement makes the marked ones due (see platform.jobs.BulkYield). db-scheduler
-- writes its columns by name and leaves this one alone.
alter table scheduled_tasks add column postponed boolean not null default false;
create index scheduled_tasks_postponed_idx on scheduled_tasks (execution_time) where postponed;
