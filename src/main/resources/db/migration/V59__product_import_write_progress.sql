-- The write phase of a running import: how many rows it writes (known once its rows are checked
-- against the catalog) and how many of them are written so far. The import's own transaction is
-- still open while it writes, so these are committed batch by batch in short transactions beside
-- it, for readers to see them advance; a failed import sets written_rows back to 0.
alter table product_imports
    add column rows_to_write int check (rows_to_write >= 0),
    add column written_rows  int not null default 0 check (written_rows >= 0);
