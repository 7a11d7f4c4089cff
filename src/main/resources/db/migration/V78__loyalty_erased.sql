-- An account whose person was erased keeps a row without entries, balance 0, erased_at set: a
-- refund of one of their older orders (orders stay, with the account's id) settles nothing again.
alter table loyalty_accounts add column erased_at timestamptz;
