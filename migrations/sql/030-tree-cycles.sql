-- One check for the directory's three trees: a user may not be in their own management chain, a
-- department may not be its own ancestor, a group may not contain itself (directly or through
-- nested groups). Trigger argument: the tree ('manager-tree', 'department-tree', 'group-tree').
--
-- The edge being written hangs `child` below `parent`; it closes a cycle exactly when `child` is
-- already above `parent`, so the check walks up from `parent` (the CHECK constraints refuse
-- `child` = `parent` itself, with their own message). Changes to one tree of a tenant
-- take turns on the tenant's advisory lock for that tree (the application takes the same lock
-- before any row lock, see tree-locks.ts), so two concurrent changes cannot close a cycle
-- between them. UNION stops a walk at a cycle, should one ever exist.
create or replace function directory_check_cycle() returns trigger
language plpgsql
set plan_cache_mode = auto
as $$
declare
  tree constant text := tg_argv[0];
  child uuid;
  parent uuid;
  closes_cycle boolean;
begin
  if tree = 'group-tree' then
    child := new.member_group_id;
    parent := new.group_id;
  elsif tree = 'manager-tree' then
    if tg_op = 'UPDATE' and new.manager_id is not distinct from old.manager_id then return new; end if;
    child := new.id;
    parent := new.manager_id;
  else
    if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id then return new; end if;
    child := new.id;
    parent := new.parent_id;
  end if;

  perform pg_advisory_xact_lock(hashtextextended('evercate-directory:' || tree || ':' || new.tenant_id::text, 0));

  if tree = 'manager-tree' then
    with recursive above(id) as (
      select u.manager_id from users u where u.tenant_id = new.tenant_id and u.id = parent
      union
      select u.manager_id from above a join users u on u.tenant_id = new.tenant_id and u.id = a.id
    )
    select exists (select 1 from above where id = child) into closes_cycle;
  elsif tree = 'department-tree' then
    with recursive above(id) as (
      select d.parent_id from departments d where d.tenant_id = new.tenant_id and d.id = parent
      union
      select d.parent_id from above a join departments d on d.tenant_id = new.tenant_id and d.id = a.id
    )
    select exists (select 1 from above where id = child) into closes_cycle;
  else
    with recursive above(id) as (
      select gm.group_id from group_members gm where gm.tenant_id = new.tenant_id and gm.member_group_id = parent
      union
      select gm.group_id from above a join group_members gm on gm.tenant_id = new.tenant_id and gm.member_group_id = a.id
    )
    select exists (select 1 from above where id = child) into closes_cycle;
  end if;

  if closes_cycle then
    raise exception '% would close a cycle in the %', child, tree
      using errcode = 'check_violation', constraint = tg_argv[1];
  end if;
  return new;
end
$$;

drop trigger if exists users_manager_cycle on users;
create trigger users_manager_cycle before insert or update of manager_id on users
  for each row when (new.manager_id is not null)
  execute function directory_check_cycle('manager-tree', 'users_manager_cycle');

drop trigger if exists departments_cycle on departments;
create trigger departments_cycle before insert or update of parent_id on departments
  for each row when (new.parent_id is not null)
  execute function directory_check_cycle('department-tree', 'departments_cycle');

drop trigger if exists group_members_cycle on group_members;
create trigger group_members_cycle before insert on group_members
  for each row when (new.member_group_id is not null)
  execute function directory_check_cycle('group-tree', 'group_members_cycle');

drop function if exists directory_check_manager_cycle();
drop function if exists directory_check_department_cycle();
drop function if exists directory_check_group_cycle();
