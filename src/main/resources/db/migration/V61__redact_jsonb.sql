-- Rewrites the string values of a JSON document with regexp_replace(value, pattern, replacement,
-- 'gi'), leaving its keys, numbers and literals as they are: an erasure redacts a person's email,
-- phone and name inside JSON without ever making the document invalid or renaming its fields (the
-- text of the whole document, rewritten, could turn "false" into "f[erased]se").
create function redact_jsonb(document jsonb, pattern text, replacement text) returns jsonb
    language plpgsql immutable parallel safe as
$$
begin
    return case jsonb_typeof(document)
        when 'string' then to_jsonb(regexp_replace(document #>> '{}', pattern, replacement, 'gi'))
        when 'array' then coalesce(
            (select jsonb_agg(redact_jsonb(element, pattern, replacement) order by position)
               from jsonb_array_elements(document) with ordinality as elements(element, position)),
            '[]'::jsonb)
        when 'object' then coalesce(
            (select jsonb_object_agg(key, redact_jsonb(value, pattern, replacement))
               from jsonb_each(document) as fields(key, value)),
            '{}'::jsonb)
        else document
    end;
end
$$;
