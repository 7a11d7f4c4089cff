-- A phone in the one form a privacy request looks for it (PrivacyRequestService.international):
-- separators dropped; international as E.164 whether written +49…, 0049… or as WhatsApp's bare
-- digits; a national number (a leading 0) as its digits. Addresses keep the phone as typed, so the
-- guest orders of a phone are found through this key, on its own index.
create function phone_key(phone text) returns text
    language sql immutable strict parallel safe
as $$
    select case
               when c = '' then null
               when c like '00%' then '+' || substr(c, 3)
               when c like '+%' or c like '0%' then c
               else '+' || c
           end
    from (select regexp_replace(phone, '[^0-9+]', '', 'g') as c) compact
$$;

create index orders_phone_key_idx on orders (phone_key(phone), paid_at desc)
    where number is not null and phone is not null;
