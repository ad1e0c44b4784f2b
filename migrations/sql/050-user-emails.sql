-- Keeps user_emails equal to the addresses in users.emails, lower-cased, one row per element (by
-- its position). "The user with this email" is then a lookup by plain `=`, which row-level
-- security lets an index serve; containment in the jsonb column is not leakproof and would read
-- every row of the tenant.
create or replace function directory_maintain_user_emails() returns trigger
language plpgsql
set plan_cache_mode = auto
as $$
begin
  if tg_op = 'UPDATE' then
    if new.emails is not distinct from old.emails then return null; end if;
    delete from user_emails where tenant_id = new.tenant_id and user_id = new.id;
  end if;
  insert into user_emails (tenant_id, user_id, position, value_key, type_key)
  select new.tenant_id, new.id, item.position, lower(item.element->>'value'), coalesce(lower(item.element->>'type'), '')
    from jsonb_array_elements(new.emails) with ordinality as item(element, position)
   where item.element->>'value' is not null;
  return null;
end
$$;

drop trigger if exists users_emails on users;
create trigger users_emails after insert or update of emails on users
  for each row execute function directory_maintain_user_emails();
