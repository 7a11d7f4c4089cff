-- Whether a workflow version hands customers' data to its steps and keeps it in its runs: started by
-- a store event that carries customers' emails, or with a step of the orders connector (customers'
-- names, emails and phones). Written when a version is saved; the runs and logs of such a version
-- are not for an API key without orders:read.
alter table automation_workflow_versions add column customer_data boolean not null default false;

update automation_workflow_versions
set customer_data = true
where definition #>> '{trigger,event}' in ('order.paid', 'order.fulfilled', 'order.refunded', 'order.cancelled',
                                           'user.registered')
   or jsonb_path_exists(definition, '$.steps[*] ? (@.connector == "orders")');
