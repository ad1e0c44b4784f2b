/**
 * Recursive subqueries over the directory's trees, each given the SQL expression of its starting
 * id (a `?::uuid` placeholder, or a column of an outer query for batched lateral reads). UNION
 * (not UNION ALL) makes every walk stop at a cycle, should one ever exist; the triggers prevent them.
 * Tenant conditions use directory_current_tenant(), the same tenant row-level security enforces,
 * so the subqueries use the tenant-leading indexes without being correlated to the outer row.
 */

/** Ids of the users in a group, directly or through nested groups. */
export function transitiveUserMembersSql(groupId: string): string {
  return `with recursive reachable(group_id) as (
      select ${groupId}
      union
      select gm.member_group_id from group_members gm join reachable r on gm.group_id = r.group_id
       where gm.tenant_id = directory_current_tenant() and gm.member_group_id is not null
    )
    select gm.member_user_id from group_members gm join reachable r on gm.group_id = r.group_id
     where gm.tenant_id = directory_current_tenant() and gm.member_user_id is not null`;
}

/** Ids of the groups a user or group belongs to, directly or through the groups those belong to. */
export function transitiveGroupsOfSql(memberId: string): string {
  return `with recursive containing(group_id) as (
      select gm.group_id from group_members gm
       where gm.tenant_id = directory_current_tenant() and gm.member_id = ${memberId}
      union
      select gm.group_id from group_members gm join containing c on gm.member_group_id = c.group_id
       where gm.tenant_id = directory_current_tenant()
    )
    select group_id from containing`;
}

/** Ids of a department and all departments below it. */
export function departmentSubtreeSql(departmentId: string): string {
  return `with recursive subtree(id) as (
      select ${departmentId}
      union
      select d.id from departments d join subtree s on d.parent_id = s.id
       where d.tenant_id = directory_current_tenant()
    )
    select id from subtree`;
}
