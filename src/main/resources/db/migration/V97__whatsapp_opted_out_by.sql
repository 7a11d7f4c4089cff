-- Why a WhatsApp conversation is opted out: STOP in the chat ('customer': the number's owner, whose
-- word only START undoes) or a withdrawal of WhatsApp contact by an account the number is linked to
-- ('account': the account's grant undoes it too). And when START last opted the number back in: an
-- account's withdrawal made before that no longer holds for it.
alter table whatsapp_conversations
    add column opted_out_by text,
    add column opted_in_at timestamptz;

-- Opted out before: by an account where the number's latest WhatsApp consent entry is a withdrawal
-- made outside the chat and nothing came from the number since (a STOP sent then would have left no
-- entry of its own, the number being withdrawn already); by the customer otherwise.
update whatsapp_conversations c
   set opted_out_by = coalesce((
           select 'account'
             from (select e.granted, e.channel, e.at from consents e
                    where e.phone = '+' || c.phone and e.purpose = 'whatsapp'
                    order by e.at desc, e.id desc limit 1) latest
            where not c.simulated and not latest.granted and latest.channel <> 'whatsapp'
              and (c.last_inbound_at is null or c.last_inbound_at < latest.at)), 'customer')
 where opted_out;

alter table whatsapp_conversations add constraint whatsapp_conversations_opted_out_by_check
    check (opted_out and opted_out_by in ('customer', 'account') or not opted_out and opted_out_by is null);
