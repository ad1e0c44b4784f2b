export type ObjectType = 'user' | 'group' | 'department';

export type ChangeType =
  | 'created'
  | 'updated'
  | 'deactivated'
  | 'reactivated'
  | 'deleted'
  | 'restored'
  | 'manager_changed'
  | 'member_added'
  | 'member_removed';

export interface Change {
  objectType: ObjectType;
  objectId: string;
  changeType: ChangeType;
  changedFields?: string[];
  data?: Record<string, unknown>;
}

/**
 * The statement that writes a transaction's changes to the outbox, run as its last statement
 * before commit. The sequence numbers come from the tenant's counter row, which stays locked until
 * commit: writers of one tenant commit in sequence order, so a reader never sees seq n+1 before n.
 */
export function changesStatement(
  tenantId: string,
  actor: string,
  changes: readonly Change[],
): { text: string; params: unknown[] } {
  return {
    text: `with counter as (
       insert into directory_change_counters as c (tenant_id, last_seq) values (?, ?)
       on conflict (tenant_id) do update set last_seq = c.last_seq + excluded.last_seq
       returning last_seq
     )
     insert into directory_changes (tenant_id, seq, object_type, object_id, change_type, changed_fields, data, actor)
     select ?::uuid, counter.last_seq - ? + item.position,
            item.change->>'objectType', (item.change->>'objectId')::uuid, item.change->>'changeType',
            array(select jsonb_array_elements_text(coalesce(item.change->'changedFields', '[]'))),
            coalesce(item.change->'data', '{}'), ?
       from counter, jsonb_array_elements(?::jsonb) with ordinality as item(change, position)`,
    params: [tenantId, changes.length, tenantId, changes.length, actor, JSON.stringify(changes)],
  };
}
