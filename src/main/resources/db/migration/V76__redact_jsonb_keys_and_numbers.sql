-- redact_jsonb (V61) also rewrites keys and numbers: a document keyed by the person
-- ({"jane@example.com": {...}}) or holding their phone as a number ({"phone": 491701234567}) kept
-- them. A number that matches becomes a string with the replacement; keys are rewritten one by one,
-- never the document's text as a whole, so literals stay literals. Two keys that become the same keep
-- the later value (jsonb_object_agg), both about the person.
create or replace function redact_jsonb(document jsonb, pattern text, replacement text) returns jsonb
    language plpgsql immutable parallel safe as
$$
begin
    return case jsonb_typeof(document)
        when 'string' then to_jsonb(regexp_replace(document #>> '{}', pattern, replacement, 'gi'))
        when 'number' then case
            when (document #>> '{}') ~* pattern
                then to_jsonb(regexp_replace(document #>> '{}', pattern, replacement, 'gi'))
            else document
        end
        when 'array' then coalesce(
            (select jsonb_agg(redact_jsonb(element, pattern, replacement) order by position)
               from jsonb_array_elements(document) with ordinality as elements(element, position)),
            '[]'::jsonb)
        when 'object' then coalesce(
            (select jsonb_object_agg(regexp_replace(key, pattern, replacement, 'gi'),
                                     redact_jsonb(value, pattern, replacement))
               from jsonb_each(document) as fields(key, value)),
            '{}'::jsonb)
        else document
    end;
end
$$;
