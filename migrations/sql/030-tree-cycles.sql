-- One check for the directory's three trees: a user may not be in their own management chain, a
-- department may not be its own ancestor, a group may not contain itself (directly or through
-- nested groups). Trigger argument: the tree ('manager-tree', 'department-tree', 'group-tree').
--
-- The edge being written hangs `child` below `parent`; it closes a cycle exactly when `child` is
-- already above `parent`, so the check walks up from `parent` (the CHECK constraints refuse
-- `child` = `parent` itself, with their own message). UNION stops a walk at a cycle, should one
-- ever exist.
--
-- How two concurrent changes are kept from closing a cycle between them differs by tree:
-- - Departments and groups change rarely: changes to one tree of a tenant take turns on the
--   tenant's advisory lock for that tree (the application takes the same lock before any row lock,
--   see tree-locks.ts).
-- - Managers change all day (Entra's first cycle sets one per user), so a tenant-wide lock would
--   make them run one at a time. Instead a manager change locks every user above the moved one,
--   along the old chain and the new one, FOR SHARE, which waits for any change of those users
--   being written and keeps them from changing until commit; after a wait it reads the user as
--   committed. The moved user itself is locked by its UPDATE. So two changes conflict only when
--   one moves a user the other's chains pass through; changes in different parts of the tree
--   share the rows above them and run in parallel. Both chains stay fixed until commit, so the
--   check, and the reporting lines that 040-reporting-lines.sql keeps from these chains, see a tree
--   no one else is moving. Two changes that would close a cycle together each wait for the other:
--   PostgreSQL breaks that deadlock, and the request runner runs the loser again, which then sees
--   the cycle.
--
--   The users trigger is an AFTER trigger: any BEFORE UPDATE row trigger makes PostgreSQL lock
--   every updated users row FOR UPDATE (the generated user_name_key of a unique index counts as
--   updated), which would make a displayName change wait for every foreign-key check on that user.
-- Locks `start` and every user above it FOR SHARE, nearest first, one row at a time (each
-- statement sees what committed while it waited). Returns whether the chain reaches `stop_at`.
create or replace function directory_lock_management_chain(tenant uuid, start uuid, stop_at uuid) returns boolean
language plpgsql
set plan_cache_mode = auto
as $$
declare
  current_id uuid := start;
  steps integer := 0;
begin
  while current_id is not null loop
    if current_id = stop_at then return true; end if;
    select u.manager_id into current_id from users u
     where u.tenant_id = tenant and u.id = current_id
       for share;
    -- The tree has no cycle (this function keeps it so); the bound only guards against looping.
    steps := steps + 1;
    exit when steps > 100000;
  end loop;
  return false;
end
$$;

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
    if tg_op = 'UPDATE' then
      if new.manager_id is not distinct from old.manager_id then return new; end if;
      perform directory_lock_management_chain(new.tenant_id, old.manager_id, null);
    end if;
    -- Being one's own manager is the CHECK constraint's to refuse, with its own message.
    if new.manager_id is null or new.manager_id = new.id then return new; end if;
    if directory_lock_management_chain(new.tenant_id, new.manager_id, new.id) then
      raise exception '% would close a cycle in the %', new.id, tree
        using errcode = 'check_violation', constraint = tg_argv[1];
    end if;
    return new;
  else
    if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id then return new; end if;
    child := new.id;
    parent := new.parent_id;
  end if;

  perform pg_advisory_xact_lock(hashtextextended('evercate-directory:' || tree || ':' || new.tenant_id::text, 0));

  if tree = 'department-tree' then
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
-- Also when a manager is removed: its old chain is locked for the reporting lines.
create trigger users_manager_cycle after insert or update of manager_id on users
  for each row execute function directory_check_cycle('manager-tree', 'users_manager_cycle');

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
