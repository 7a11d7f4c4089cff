-- One customer with many orders, posts and mails, for load/erasure-bench.sh (psql variables email,
-- orders, posts, mails). The account exists (registered through the API).
\set ON_ERROR_STOP on
begin;

create temporary table bench_customer as
select id, display_name from users where email = :'email';

-- a self-service erasure needs a confirmed email (the customer has clicked the mail's link)
update users set email_verified_at = now() where email = :'email';

insert into orders (id, number, status, customer_id, email, phone, address, shipping_code, shipping_name,
                    currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, tax_rate, tax_inclusive,
                    total_minor, created_at, updated_at, paid_at)
select gen_random_uuid(), 'BENCH-' || n || '-' || substr(md5(:'email'), 1, 8), 'paid', c.id, :'email',
       '+49 30 555' || lpad(n::text, 4, '0'),
       jsonb_build_object('name', c.display_name, 'line1', 'Hauptstraße ' || n, 'city', 'Berlin',
                          'postal_code', '10115', 'country', 'DE', 'phone', '+49 30 555' || lpad(n::text, 4, '0')),
       'standard', 'Standard', 'EUR', 2000, 0, 490, 399, 19.000, true, 2490,
       now() - make_interval(hours => n), now() - make_interval(hours => n), now() - make_interval(hours => n)
from bench_customer c, generate_series(1, :orders) n;

insert into order_lines (id, order_id, position, variant_id, product_id, sku, product_name, variant_name,
                         product_slug, unit_price_minor, quantity, paid_minor)
select gen_random_uuid(), o.id, 0, gen_random_uuid(), gen_random_uuid(), 'BENCH-SKU', 'Kettle', '', 'kettle', 2000, 1, 2000
from orders o join bench_customer c on o.customer_id = c.id;

insert into order_history (order_id, at, status, note)
select o.id, o.paid_at, 'paid', 'paid by ' || :'email'
from orders o join bench_customer c on o.customer_id = c.id;

insert into community_profiles (user_id, handle, display_name, created_at, updated_at)
select id, 'erasable_' || substr(md5(:'email'), 1, 12), display_name, now(), now() from bench_customer;

insert into community_posts (id, author_id, text, created_at)
select gen_random_uuid(), c.id, 'Post ' || n || ' by ' || :'email', now() - make_interval(mins => n)
from bench_customer c, generate_series(1, :posts) n;

insert into mailbox_messages (id, recipient, subject, text_body, html_body, kind, key, locale, created_at)
select gen_random_uuid(), :'email', 'Your order ' || n, 'Hello ' || c.display_name, '<p>Hello</p>', 'bench',
       :'email' || '-' || n, 'en', now()
from bench_customer c, generate_series(1, :mails) n;

insert into sent_mails (kind, key, recipient, transport, sent_at)
select 'bench', :'email' || '-' || n, :'email', 'mailbox', now() from generate_series(1, :mails) n;

commit;

-- a WhatsApp conversation in which they gave their email at the chat's checkout, :mails messages both ways
insert into whatsapp_conversations (id, phone, simulated, consent, state, last_message_at, created_at)
values (gen_random_uuid(), '4915' || lpad((abs(hashtext(:'email')) % 100000000)::text, 8, '0'), false, 'granted',
        jsonb_build_object('email', :'email'), now(), now());
insert into whatsapp_messages (id, conversation_id, direction, kind, summary, payload, status, created_at)
select gen_random_uuid(), c.id, case when n % 2 = 0 then 'in' else 'out' end, 'text',
       'Message ' || n || ' about ' || :'email', '{}'::jsonb,
       case when n % 2 = 0 then 'received' else 'delivered' end, now() - make_interval(secs => n)
from whatsapp_conversations c, generate_series(1, :mails) n
where c.state ->> 'email' = :'email';
