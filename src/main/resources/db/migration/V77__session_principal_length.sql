-- Spring Session keeps the signed-in account's email as the session's principal name: as long as
-- an account's email may be (254), or a long address could sign up but never sign in.
alter table spring_session alter column principal_name type varchar(254);
