-- The nightly purge of export packages finds the completed exports that still have one.
create index privacy_requests_export_files_idx on privacy_requests (completed_at) where file_key is not null;
