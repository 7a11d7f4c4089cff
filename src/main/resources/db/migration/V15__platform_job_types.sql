-- Payments' jobs now run through the platform's job types: their data becomes a job envelope (the
-- payload as JSON in the application's snake_case, and when it was enqueued) and they are critical.
-- Rows written by the earlier code carry {"eventId": …} / {"refundId": …}.
update scheduled_tasks
set task_data = convert_to(jsonb_build_object(
        'payload', jsonb_build_object('event_id', convert_from(task_data, 'UTF8')::jsonb ->> 'eventId')::text,
        'enqueuedAtMillis', (extract(epoch from execution_time) * 1000)::bigint)::text, 'UTF8'),
    priority = 30
where task_name = 'payment-event' and task_data is not null
  and convert_from(task_data, 'UTF8')::jsonb ? 'eventId';

update scheduled_tasks
set task_data = convert_to(jsonb_build_object(
        'payload', jsonb_build_object('refund_id', convert_from(task_data, 'UTF8')::jsonb ->> 'refundId')::text,
        'enqueuedAtMillis', (extract(epoch from execution_time) * 1000)::bigint)::text, 'UTF8'),
    priority = 30
where task_name = 'payment-refund' and task_data is not null
  and convert_from(task_data, 'UTF8')::jsonb ? 'refundId';

-- the stock sweep's row predates its priority
update scheduled_tasks set priority = 30
where task_name = 'release-expired-stock-reservations' and priority is null;
