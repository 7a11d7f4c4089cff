-- An entry keeps the text it was raised for (flagged, hidden or reported); the text its author
-- changed the item to since is kept beside it, so that an operator sees both what raised the entry
-- and what a restore would show.
alter table moderation_entries add column edited_excerpt text;

-- How often an entry has been opened: an item flagged again while its entry is open (an author
-- alternating between a flagged and a clean text) raises nothing new, so the automation's
-- post.flagged runs once per opening of the entry (and once more when the item gets hidden in it).
alter table moderation_entries add column openings integer not null default 1 check (openings >= 1);
