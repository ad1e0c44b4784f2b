-- Text as search and lookups compare it. These functions are IMMUTABLE because stored generated
-- columns (users.search_text, groups.search_text) are computed with them: changing what one
-- returns needs a migration that rewrites those columns too, not only this file.

-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the
-- folding safe to store and index, the usual way to index unaccented text.
create or replace function directory_fold(value text) returns text
language sql immutable parallel safe strict
as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- The lower-cased values of a multi-valued attribute (emails, phone numbers).
create or replace function directory_multi_values(items jsonb) returns text[]
language sql immutable parallel safe
as $$ select coalesce(array_agg(lower(item->>'value')) filter (where item->>'value' is not null), '{}')
        from jsonb_array_elements(items) item $$;

-- What type-ahead search reads for a user: the names first (a display name starting with the
-- typed word ranks first), then userName and the email addresses.
create or replace function directory_user_search_text(
  user_name text, display_name text, given_name text, family_name text, nick_name text, emails jsonb
) returns text
language sql immutable parallel safe
as $$ select directory_fold(concat_ws(' ', display_name, given_name, family_name, nick_name, user_name,
                                      array_to_string(directory_multi_values(emails), ' '))) $$;
