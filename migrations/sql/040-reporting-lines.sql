-- Keeps user_reporting_lines equal to the transitive closure of users.manager_id: one row per
-- (manager, report) pair at any depth, so "everyone under this manager, nearest first, a page at
-- a time" is an index range scan instead of a recursive walk and sort per page.
create or replace function directory_maintain_reporting_lines() returns trigger
language plpgsql
set plan_cache_mode = auto
as $$
begin
  if tg_op = 'UPDATE' and new.manager_id is not distinct from old.manager_id then
    if new.user_name is distinct from old.user_name then
      update user_reporting_lines set user_sort_key = lower(new.user_name)
       where tenant_id = new.tenant_id and user_id = new.id;
    end if;
    return null;
  end if;
  if tg_op = 'UPDATE' and old.manager_id is not null then
    -- The user and everyone under them leave every line above the user.
    delete from user_reporting_lines l
     using (select new.id as user_id
            union all
            select user_id from user_reporting_lines where tenant_id = new.tenant_id and manager_id = new.id) subtree,
           (select manager_id from user_reporting_lines where tenant_id = new.tenant_id and user_id = new.id) above
     where l.tenant_id = new.tenant_id and l.manager_id = above.manager_id and l.user_id = subtree.user_id;
  end if;
  if new.manager_id is not null then
    -- ...and join the lines above the new manager, one level further down.
    insert into user_reporting_lines (tenant_id, manager_id, user_id, depth, user_sort_key)
    select new.tenant_id, above.manager_id, subtree.user_id, above.depth + subtree.depth, subtree.user_sort_key
      from (select new.id as user_id, 0 as depth, lower(new.user_name) as user_sort_key
            union all
            select user_id, depth, user_sort_key from user_reporting_lines
             where tenant_id = new.tenant_id and manager_id = new.id) subtree,
           (select new.manager_id as manager_id, 1 as depth
            union all
            select manager_id, depth + 1 from user_reporting_lines
             where tenant_id = new.tenant_id and user_id = new.manager_id) above;
  end if;
  return null;
end
$$;

drop trigger if exists users_reporting_lines on users;
create trigger users_reporting_lines after insert or update of manager_id, user_name on users
  for each row execute function directory_maintain_reporting_lines();
