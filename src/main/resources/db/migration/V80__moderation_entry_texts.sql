-- An entry keeps the text it was raised for (flagged, hidden or reported); the text its author
-- changed the item to since is kept beside it, so that an operator sees both what raised the entry
-- and what a restore would show.
alter table moderation_entries add column edited_excerpt text;
