import type { Sql } from '../../../platform/db/tenant-transaction';

/** What a deleted user was part of, so a restore can put it back. */
export interface UserRelations {
  groupIds: string[];
  reportIds: string[];
}

/** What a deleted group was part of. */
export interface GroupRelations {
  memberUserIds: string[];
  memberGroupIds: string[];
  parentGroupIds: string[];
}

const ARCHIVED = {
  user: { table: 'users', name: 'user_name' },
  group: { table: 'groups', name: 'display_name' },
} as const;

/**
 * Keeps the row of a user or group about to be deleted, and what it was part of, in
 * deleted_directory_objects: restorable until the purge (see the deleted folder).
 */
export async function archive(
  sql: Sql,
  object:
    | { type: 'user'; id: string; relations: UserRelations }
    | { type: 'group'; id: string; relations: GroupRelations },
): Promise<void> {
  const { table, name } = ARCHIVED[object.type];
  await sql.query(
    `insert into deleted_directory_objects (tenant_id, id, object_type, name, snapshot, relations)
     select o.tenant_id, o.id, ?, o.${name}, to_jsonb(o) - 'tenant_id', ?::jsonb
       from ${table} o where o.tenant_id = ? and o.id = ?
     on conflict (tenant_id, id) do update
       set object_type = excluded.object_type, name = excluded.name, deleted_at = now(),
           snapshot = excluded.snapshot, relations = excluded.relations`,
    [object.type, JSON.stringify(object.relations), sql.tenantId, object.id],
  );
}
