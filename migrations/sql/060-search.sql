-- Type-ahead search: every typed word must occur in the folded search text (see
-- 020-text-folding.sql); the best matches come first, a page at a time.
--
-- The rank and the keyset key (the one definition of them), compared in the "C" collation:
-- - tier 0, search text starting with the first word: '0' || left(search_text, 64) || chr(1) ||
--   unique name. Ordered by the folded name, as a type-ahead list reads; the *_search_prefix_idx
--   index holds exactly this key, so this tier is read in order and stops at the page size.
--   chr(1) separates the parts so that a shorter name sorts before its extensions.
-- - tier 1, another word starts with the first word, and tier 2, any other match: '1' or '2' ||
--   unique name. Found through the trigram index (*_search_idx) and sorted, only when tier 0 runs
--   out.
--
-- Arguments: LIKE patterns that must all match ('%word%', escaped and folded), the folded first
-- word (not escaped), the key to continue after (or null), and how many rows (or null for all).
--
-- SECURITY DEFINER because LIKE is not leakproof: under row-level security PostgreSQL could not
-- use the trigram index for it. The functions return the current tenant's rows only
-- (directory_current_tenant(), the setting the policies use), and only the request role may call them.

create or replace function directory_search_users(patterns text[], first_word text, after_key text, max_rows integer)
returns table (id uuid, sort_key text)
language sql stable security definer
set search_path = pg_catalog, public
as $$
  (select u.id, '0' || ((left(u.search_text, 64) || chr(1) || u.user_name_key) collate "C")
     from public.users u
    where (after_key is null or left(after_key, 1) = '0')
      and u.tenant_id = public.directory_current_tenant()
      and ((left(u.search_text, 64) || chr(1) || u.user_name_key) collate "C") >= left(first_word, 64)
      and ((left(u.search_text, 64) || chr(1) || u.user_name_key) collate "C") < left(first_word, 64) || chr(1114111)
      and ((left(u.search_text, 64) || chr(1) || u.user_name_key) collate "C") > coalesce(substr(after_key, 2), '')
      and starts_with(u.search_text, first_word)
      and u.search_text like all (patterns)
    order by ((left(u.search_text, 64) || chr(1) || u.user_name_key) collate "C")
    limit max_rows)
  union all
  (select u.id, ranked.sort_key
     from public.users u,
          lateral (select (case when position(' ' || first_word in u.search_text) > 0 then '1' else '2' end)
                          || u.user_name_key collate "C" as sort_key) ranked
    where u.tenant_id = public.directory_current_tenant()
      and u.search_text like patterns[1]
      and u.search_text like all (patterns)
      and not starts_with(u.search_text, first_word)
      and (after_key is null or ranked.sort_key > (after_key collate "C"))
    order by ranked.sort_key
    limit max_rows)
  limit max_rows
$$;
revoke all on function directory_search_users(text[], text, text, integer) from public;
grant execute on function directory_search_users(text[], text, text, integer) to evercate_directory_request;

create or replace function directory_search_groups(patterns text[], first_word text, after_key text, max_rows integer)
returns table (id uuid, sort_key text)
language sql stable security definer
set search_path = pg_catalog, public
as $$
  (select g.id, '0' || ((left(g.search_text, 64) || chr(1) || g.display_name_key) collate "C")
     from public.groups g
    where (after_key is null or left(after_key, 1) = '0')
      and g.tenant_id = public.directory_current_tenant()
      and ((left(g.search_text, 64) || chr(1) || g.display_name_key) collate "C") >= left(first_word, 64)
      and ((left(g.search_text, 64) || chr(1) || g.display_name_key) collate "C") < left(first_word, 64) || chr(1114111)
      and ((left(g.search_text, 64) || chr(1) || g.display_name_key) collate "C") > coalesce(substr(after_key, 2), '')
      and starts_with(g.search_text, first_word)
      and g.search_text like all (patterns)
    order by ((left(g.search_text, 64) || chr(1) || g.display_name_key) collate "C")
    limit max_rows)
  union all
  (select g.id, ranked.sort_key
     from public.groups g,
          lateral (select (case when position(' ' || first_word in g.search_text) > 0 then '1' else '2' end)
                          || g.display_name_key collate "C" as sort_key) ranked
    where g.tenant_id = public.directory_current_tenant()
      and g.search_text like patterns[1]
      and g.search_text like all (patterns)
      and not starts_with(g.search_text, first_word)
      and (after_key is null or ranked.sort_key > (after_key collate "C"))
    order by ranked.sort_key
    limit max_rows)
  limit max_rows
$$;
revoke all on function directory_search_groups(text[], text, text, integer) from public;
grant execute on function directory_search_groups(text[], text, text, integer) to evercate_directory_request;
