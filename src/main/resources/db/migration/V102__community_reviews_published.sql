-- When a review was announced as published (ReviewPublished, which starts the automation's
-- workflows): at its creation when readers see it, else when an operator first shows it, and never
-- twice. Reviews written before count as announced, as a restore announced them until now.
alter table community_reviews add column published_at timestamptz;
update community_reviews set published_at = created_at;
