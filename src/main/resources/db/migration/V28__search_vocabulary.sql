-- Typo-tolerant search: the catalog's words and, for each, the strings left after deleting one or
-- two of its letters (a deletion neighbourhood). A misspelt search word and the word it stands for
-- share such a string; the application then checks the edit distance. Only words that typos are
-- forgiven for are kept: 5 to 8 letters (one typo) and 9 or more (two); shorter words match as
-- typed.
create table search_words (
    word text primary key check (length(word) between 5 and 40)
);

create table search_word_variants (
    variant text not null,
    word    text not null references search_words (word) on delete cascade,
    primary key (variant, word)
);
create index search_word_variants_word_idx on search_word_variants (word);

-- The word itself, every string with one letter deleted, and for words of 9+ letters with two.
create function search_word_variants_of(w text) returns setof text
    language sql immutable parallel safe as
$$
with one as (
    select left(w, i - 1) || substr(w, i + 1) as v
    from generate_series(1, length(w)) i
)
select w
union
select v from one
union
select left(o.v, i - 1) || substr(o.v, i + 1)
from one o, generate_series(1, length(o.v)) i
where length(w) >= 9
$$;

-- Adds the words of the given search vectors that are not known yet, with their variants.
create function add_search_words(vectors tsvector[]) returns void
    language sql as
$$
with words as (
    select distinct t.lexeme as word
    from unnest(vectors) as v(vector), unnest(v.vector) as t
    where length(t.lexeme) between 5 and 40 and t.lexeme !~ '[^[:alnum:]]'
), added as (
    insert into search_words (word) select word from words on conflict do nothing returning word
)
insert into search_word_variants (variant, word)
select variant, a.word from added a, search_word_variants_of(a.word) variant
on conflict do nothing
$$;

-- Every write of an active product's text adds its new words in the same transaction, so a product
-- can be found misspelt as soon as it can be found at all. Bulk loaders switch this off for their
-- transaction and add the words of everything at the end. Words no product uses any more stay until
-- the vocabulary is pruned: they only widen a search by a word that matches nothing.
create function products_add_search_words() returns trigger
    language plpgsql as
$$
begin
    if current_setting('dukkan.defer_search_words', true) = 'on' then
        return null;
    end if;
    perform add_search_words(array [new.search_vector]);
    return null;
end
$$;

create trigger products_search_words_insert
    after insert on products
    for each row when (new.status = 'active')
execute function products_add_search_words();

create trigger products_search_words_update
    after update of name, description, status on products
    for each row when (new.status = 'active')
execute function products_add_search_words();

select add_search_words(array_agg(search_vector)) from products where status = 'active';
