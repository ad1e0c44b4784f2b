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
 * Collects what a transaction changed and writes it to the change record (directory_changes) in
 * the COMMIT round trip: a committed change is always recorded, a rolled-back one never. Changes
 * get their place in the tenant's feed when a reader first asks (ChangeFeedService), so writers
 * of one tenant never wait for each other here.
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
    return {
      text: `insert into directory_changes (tenant_id, object_type, object_id, change_type, changed_fields, data, actor)
       select ?::uuid, item.change->>'objectType', (item.change->>'objectId')::uuid, item.change->>'changeType',
              array(select jsonb_array_elements_text(coalesce(item.change->'changedFields', '[]'))),
              coalesce(item.change->'data', '{}'), ?
         from jsonb_array_elements(?::jsonb) with ordinality as item(change, position)
        order by item.position`,
      params: [this.sql.tenantId, this.actor, JSON.stringify(this.pending)],
    };
  }
}
