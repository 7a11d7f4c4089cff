-- When a post was announced as published (PostPublished, which starts the automation's workflows):
-- at its creation when readers see it, else when an operator first shows it, and never twice. Posts
-- written before were all announced at their creation, hidden ones too.
alter table community_posts add column published_at timestamptz;
update community_posts set published_at = created_at;
