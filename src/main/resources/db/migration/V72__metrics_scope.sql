-- metrics:read makes nine scopes; a key may hold each once
alter table api_keys drop constraint api_keys_scopes_check;
alter table api_keys add constraint api_keys_scopes_check check (cardinality(scopes) between 1 and 9);
