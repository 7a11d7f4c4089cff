-- Bulk jobs postponed while the shop is busy now wait in a table of their own. In scheduled_tasks
-- they sat behind the due jobs in the index db-scheduler's picker walks (priority desc,
-- execution_time asc): whenever fewer jobs were due than a poll asks for, the poll read every
-- waiting row before giving up, 2.6 ms a poll with 12,000 receipts waiting (docs/benchmarks.md).
create table postponed_jobs (
    task_name     text                     not null,
    task_instance text                     not null,
    task_data     bytea,
    priority      smallint,
    -- it runs then at the latest, however long the shop stays busy
    due_by        timestamp with time zone not null,
    primary key (task_name, task_instance)
);
create index postponed_jobs_due_by_idx on postponed_jobs (due_by);

insert into postponed_jobs (task_name, task_instance, task_data, priority, due_by)
select task_name, task_instance, task_data, priority, execution_time
from scheduled_tasks
where postponed and not picked and coalesce(consecutive_failures, 0) = 0;
delete from scheduled_tasks where postponed and not picked and coalesce(consecutive_failures, 0) = 0;

drop index scheduled_tasks_postponed_idx;
alter table scheduled_tasks drop column postponed;
