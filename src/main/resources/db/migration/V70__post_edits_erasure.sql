-- An erasure rewrites the person's email, phone and name in other people's earlier versions of
-- their posts too (a post's history is public); a trigram index serves the case-insensitive pattern
-- as it does for the posts themselves (V57).
create index community_post_edits_text_trgm_idx on community_post_edits using gin ((lower(text)) gin_trgm_ops);
