-- How often a run was resumed: a step job scheduled before the latest resume (a replayed dead letter,
-- a second click on resume) finds its number behind and does nothing, so no step runs twice at once.
alter table automation_runs add column resumes integer not null default 0;
