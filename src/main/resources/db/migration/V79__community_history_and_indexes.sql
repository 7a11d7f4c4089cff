-- An earlier text of a post says whether readers saw it: a text replaced while the post was hidden
-- was its author's alone (often the very text that hid it), and a restore must not publish it
-- through the post's history. Earlier rows cannot tell and stay shown.
alter table community_post_edits add column shown boolean not null default true;
