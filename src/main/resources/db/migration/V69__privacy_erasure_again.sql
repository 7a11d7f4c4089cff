-- A person is erased once at a time, not once for ever: who signs up again with the address (or
-- writes again from the number) after an erasure can be erased, and exported, again. A second
-- request while one runs still answers the running one.
drop index privacy_requests_erasure_uq;
create unique index privacy_requests_erasure_running_uq on privacy_requests (subject_hash)
    where kind = 'erasure' and status = 'running';
create index privacy_requests_erasure_idx on privacy_requests (subject_hash, created_at desc)
    where kind = 'erasure';
