-- Start and leave dates, and date-time extension values, are kept as written ("2024-03-01",
-- "2024-03-01T09:00:00+02:00"); their instant is what filters and sorting compare. A time without
-- a zone is UTC, a date alone is its midnight UTC, so the instant never depends on the session's
-- TimeZone: that is what lets a generated column and an index use it (IMMUTABLE). Only values the
-- service validated (src/domain/directory/users/date-time.ts) are ever stored.
create or replace function directory_instant(value text) returns timestamptz
language sql immutable parallel safe
as $$
  select case
    when value is null then null
    when value ~ '[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)$' then value::timestamptz
    when value ~ '[Tt ]' then (value || '+00:00')::timestamptz
    else (value || 'T00:00:00+00:00')::timestamptz
  end
$$;

-- Keeps user_extension_values equal to users.extension_values: one row per value of a declared
-- attribute (keys are '<schema>:<name>' as declared), with the typed forms filters, sorting and
-- uniqueness use. Keys no declaration names (none are written; a restore strips them) get no row.
create or replace function directory_maintain_user_extension_values() returns trigger
language plpgsql
set plan_cache_mode = auto
as $$
begin
  if tg_op = 'UPDATE' then
    delete from user_extension_values where tenant_id = new.tenant_id and user_id = new.id;
  end if;
  insert into user_extension_values
    (tenant_id, user_id, attribute_id, text_key, exact_text, number_value, time_value, unique_key)
  select new.tenant_id, new.id, a.id, lower(v.text), v.text,
         case when a.type in ('integer', 'decimal') then v.text::numeric end,
         case when a.type = 'date_time' then directory_instant(v.text) end,
         case when a.is_unique then
           case when a.type in ('integer', 'decimal') then trim_scale(v.text::numeric)::text
                when a.case_exact then v.text
                else lower(v.text) end
         end
    from jsonb_each(new.extension_values) as e(key, value)
    cross join lateral (select e.value #>> '{}' as text) v
    join extension_attributes a on a.tenant_id = new.tenant_id and a.path_key = lower(e.key)
   where jsonb_typeof(e.value) <> 'null';
  return null;
end
$$;

drop trigger if exists users_extension_values_insert on users;
create trigger users_extension_values_insert after insert on users
  for each row when (new.extension_values <> '{}'::jsonb)
  execute function directory_maintain_user_extension_values();

drop trigger if exists users_extension_values_update on users;
create trigger users_extension_values_update after update of extension_values on users
  for each row when (old.extension_values is distinct from new.extension_values)
  execute function directory_maintain_user_extension_values();
