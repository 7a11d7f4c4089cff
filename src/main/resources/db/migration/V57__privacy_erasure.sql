-- Erasure of a person (privacy).
--
-- An erasure redacts a person's email, phone and name in the audit log but keeps the entries: the
-- log stays append-only except for such a redaction, which a transaction announces with
-- set_config('dukkan.audit.redacting', 'on', true) and which may not change what was done, to what
-- or when.
create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and current_setting('dukkan.audit.redacting', true) = 'on'
       and new.id = old.id and new.at = old.at and new.actor_id is not distinct from old.actor_id
       and new.action = old.action and new.target_type = old.target_type and new.target_id = old.target_id then
        return new;
    end if;
    raise exception 'audit_log is append-only';
end
$$;

-- finding the entries that mention a person (a trigram index serves the case-insensitive pattern)
create index audit_log_text_trgm_idx on audit_log using gin (
    (lower(coalesce(actor, '') || ' ' || coalesce(reason, '') || ' ' || details::text)) gin_trgm_ops);

-- The erasure's look-ups of a person's rows that no index served yet.
-- drafts by account and by email (placed orders have the console's partial indexes)
create index orders_draft_customer_idx on orders (customer_id) where number is null;
create index orders_draft_email_idx on orders (lower(email)) where number is null;
-- coupon uses counted against an email
create index coupon_redemptions_customer_key_idx on coupon_redemptions (customer_key);
-- the provider's events that mention the person (billing details, receipt email)
create index payment_events_payload_trgm_idx on payment_events using gin ((lower(payload::text)) gin_trgm_ops);
-- mails sent to the person
create index sent_mails_recipient_idx on sent_mails (lower(recipient));
-- a member's uploads, comments, likes, notifications they caused, and reviews (deleted ones too)
create index community_post_images_owner_idx on community_post_images (owner_id);
create index community_comments_author_idx on community_comments (author_id);
create index community_likes_user_idx on community_likes (user_id);
create index community_notifications_actor_idx on community_notifications (actor_id) where actor_id is not null;
create index community_reviews_author_all_idx on community_reviews (author_id);
-- moderation's entries about a member and their reports
create index moderation_entries_author_idx on moderation_entries (author_id);
create index moderation_reports_reporter_idx on moderation_reports (reporter_id);
-- members' words naming the person, anyone's (trigram indexes serve the case-insensitive pattern)
create index community_posts_text_trgm_idx on community_posts using gin ((lower(text)) gin_trgm_ops);
create index community_comments_text_trgm_idx on community_comments using gin ((lower(text)) gin_trgm_ops);
create index community_reviews_text_trgm_idx on community_reviews
    using gin ((lower(coalesce(title, '') || ' ' || body)) gin_trgm_ops);
