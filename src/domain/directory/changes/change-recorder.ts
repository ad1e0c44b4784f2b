import type { ChangeType, ObjectType } from '../../../model/directory-change.entity';
import type { Statement } from '../../../platform/db/statement';
import type { CommitHook, Sql } from '../../../platform/db/tenant-transaction';

export type { ChangeType, ObjectType };

export interface Change {
  objectType: ObjectType;
  objectId: string;
  changeType: ChangeType;
  changedFields?: string[];
  data?: Record<string, unknown>;
}

/**
 * Collects what a transaction changed and writes it to the change record (directory_changes) as
 * the transaction's last statement, in the COMMIT round trip: a committed change is always
 * recorded, a rolled-back one never. The sequence numbers come from the tenant's counter row,
 * which stays locked until commit, so writers of one tenant commit in sequence order and a reader
 * never sees n+1 before n. Taken last, that lock is held only for the commit (no deadlocks).
 */
export class ChangeRecorder implements CommitHook {
  private readonly pending: Change[] = [];

  private constructor(
    private readonly sql: Sql,
    /** Who is acting ("scim:<token id>", "graphql:<token id>", "sso:<user id>", "cli"). */
    private readonly actor: string,
  ) {}

  /** A recorder for this transaction's changes, written when it commits. */
  static on(sql: Sql, actor: string): ChangeRecorder {
    const recorder = new ChangeRecorder(sql, actor);
    sql.addCommitHook(recorder);
    return recorder;
  }

  record(changes: readonly Change[]): void {
    this.pending.push(...changes);
  }

  mark(): () => void {
    const recorded = this.pending.length;
    return () => {
      this.pending.length = recorded;
    };
  }

  statementAtCommit(): Statement | undefined {
    if (this.pending.length === 0) return undefined;
    const { tenantId } = this.sql;
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
      params: [tenantId, this.pending.length, tenantId, this.pending.length, this.actor, JSON.stringify(this.pending)],
    };
  }
}
