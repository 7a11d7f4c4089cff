-- How far the shop's checkout pages got with a draft: after an address it needs a shipping choice,
-- after that its review, then its payment. Kept with the draft, so a refresh or a second tab resumes
-- at the same step. A constant default adds the column without rewriting the table.
alter table orders
    add column checkout_step text not null default 'shipping'
        check (checkout_step in ('shipping', 'review', 'payment'));
