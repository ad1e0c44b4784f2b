import type { Sql } from '../../../platform/db/tenant-transaction';
import { and, fragment } from '../../../platform/db/sql-fragment';
import type { Change, ChangeRecorder } from '../changes/change-recorder';
import { DomainError, NotFoundError } from '../../../platform/errors';
import { GROUPS, type GroupRecord } from '../groups/group.record';
import { isUuid } from '../../../platform/ids';
import { lockTree } from '../shared/tree-locks';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import { USERS, type UserRecord } from '../users/user.record';
import { resolveWaiting } from '../users/manager-reference';
import type { GroupRelations, UserRelations } from '../shared/archive';

export type DeletedObjectType = 'user' | 'group';

export interface DeletedObjectRecord {
  id: string;
  objectType: DeletedObjectType;
  /** The userName or displayName it had. */
  name: string;
  deletedAt: Date;
}

const NEWEST_FIRST: SortKey = {
  name: 'deleted:DELETED_AT:desc',
  expression: 'o.deleted_at',
  type: 'timestamptz',
  unique: false,
  descending: true,
};

/**
 * Deleted users and groups, kept restorable until the purge removes them after the retention
 * window. A deleted object is gone from the directory itself (lists, SCIM, uniqueness): only its
 * snapshot and its relations are kept here.
 */
export class DeletedObjectService {
  constructor(
    private readonly sql: Sql,
    private readonly changes: ChangeRecorder,
  ) {}

  async list(objectType: DeletedObjectType, page: PageRequest): Promise<Page<DeletedObjectRecord>> {
    const plan = planKeysetPage(NEWEST_FIRST, 'o.id', page);
    const where = and([fragment('o.tenant_id = ? and o.object_type = ?', this.sql.tenantId, objectType), plan.after]);
    const rows = await this.sql.query<{
      id: string;
      object_type: DeletedObjectType;
      name: string;
      deleted_at: string;
      sort_key: string;
    }>(
      `select o.id, o.object_type, o.name, o.deleted_at, ${plan.sortKeySelect}
         from deleted_directory_objects o where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
    );
    return toPage(rows, NEWEST_FIRST, page, (row) => ({
      id: row.id,
      objectType: row.object_type,
      name: row.name,
      deletedAt: new Date(row.deleted_at),
    }));
  }

  async count(objectType: DeletedObjectType): Promise<number> {
    const [row] = await this.sql.query<{ count: number }>(
      'select count(*)::int as count from deleted_directory_objects o where o.tenant_id = ? and o.object_type = ?',
      [this.sql.tenantId, objectType],
    );
    return row?.count ?? 0;
  }

  /**
   * Brings a deleted user back with its id, attributes and version history, into the groups that
   * still exist, under its manager if they still exist, and above the reports who have not been
   * given another manager since. Refused when its userName has been taken again.
   */
  async restoreUser(id: string): Promise<{ user: UserRecord; groupIds: string[]; reportIds: string[] }> {
    const archived = await this.take(id, 'user');
    const relations = archived.relations as unknown as UserRelations;
    const [row] = await this.sql
      .query(
        `insert into users as u (${USERS.storedColumns.join(', ')})
       select ${USERS.storedColumns.map((column) => `r.${column}`).join(', ')}
         from jsonb_populate_record(null::users, ?::jsonb || jsonb_build_object('tenant_id', ?::uuid)) r
       returning ${USERS.select}`,
        [JSON.stringify(await this.withLiveReferences(archived.snapshot)), this.sql.tenantId],
      )
      .catch((error: unknown) => {
        const taken = conflictOnRestore(
          error,
          'USER_NAME_TAKEN',
          `userName "${archived.snapshot.user_name as string}" is taken by another user now.`,
        );
        throw conflictOnRestore(
          taken,
          'EXTENSION_VALUE_TAKEN',
          'another user has its value of an extension attribute declared unique now.',
        );
      });
    const groups = await this.sql.query<{ group_id: string }>(
      `insert into group_members (tenant_id, group_id, member_user_id)
       select ?, g.id, ? from groups g where g.tenant_id = ? and g.id = any(?::uuid[])
       on conflict do nothing returning group_id`,
      [this.sql.tenantId, id, this.sql.tenantId, relations.groupIds ?? []],
    );
    const reports = await this.sql.query<{ id: string }>(
      `update users set manager_id = ?, version = version + 1, updated_at = now()
        where tenant_id = ? and manager_id is null and id = any(?::uuid[])
        returning id`,
      [id, this.sql.tenantId, relations.reportIds ?? []],
    );
    const groupIds = groups.map((g) => g.group_id);
    await this.touchGroups(groupIds);
    const restored = USERS.fromRow(row!);
    // Back, the user may be the manager a pending reference names.
    const resolved = await resolveWaiting(this.sql, restored);
    this.changes.record([
      ...resolved,
      { objectType: 'user', objectId: id, changeType: 'restored' },
      ...groupIds.map(
        (groupId): Change => ({
          objectType: 'group',
          objectId: groupId,
          changeType: 'member_added',
          data: { memberId: id, memberType: 'user' },
        }),
      ),
      ...reports.map(
        (report): Change => ({
          objectType: 'user',
          objectId: report.id,
          changeType: 'manager_changed',
          changedFields: ['managerId'],
          data: { from: null, to: id },
        }),
      ),
    ]);
    return { user: restored, groupIds, reportIds: reports.map((r) => r.id) };
  }

  /** Brings a deleted group back with the members and parent groups that still exist. */
  async restoreGroup(id: string): Promise<{ group: GroupRecord; memberIds: string[]; parentIds: string[] }> {
    await lockTree(this.sql, 'group-tree');
    const archived = await this.take(id, 'group');
    const relations = archived.relations as unknown as GroupRelations;
    const [row] = await this.sql
      .query(
        `insert into groups as g (${GROUPS.storedColumns.join(', ')})
       select ${GROUPS.storedColumns.map((column) => `r.${column}`).join(', ')}
         from jsonb_populate_record(null::groups, ?::jsonb || jsonb_build_object('tenant_id', ?::uuid)) r
       returning ${GROUPS.select}`,
        [JSON.stringify(archived.snapshot), this.sql.tenantId],
      )
      .catch((error: unknown) => {
        throw conflictOnRestore(
          error,
          'GROUP_NAME_TAKEN',
          `displayName "${archived.snapshot.display_name as string}" is taken by another group now.`,
        );
      });
    const members = await this.sql.query<{ member_id: string }>(
      `insert into group_members (tenant_id, group_id, member_user_id, member_group_id)
       select ?::uuid, ?::uuid, u.id, null::uuid from users u where u.tenant_id = ? and u.id in (select jsonb_array_elements_text(?::jsonb)::uuid)
       union all
       select ?::uuid, ?::uuid, null::uuid, g.id from groups g where g.tenant_id = ? and g.id in (select jsonb_array_elements_text(?::jsonb)::uuid)
       on conflict do nothing returning member_id`,
      [
        this.sql.tenantId,
        id,
        this.sql.tenantId,
        JSON.stringify(relations.memberUserIds ?? []),
        this.sql.tenantId,
        id,
        this.sql.tenantId,
        JSON.stringify(relations.memberGroupIds ?? []),
      ],
    );
    const parents = await this.sql.query<{ group_id: string }>(
      `insert into group_members (tenant_id, group_id, member_group_id)
       select ?, g.id, ? from groups g where g.tenant_id = ? and g.id = any(?::uuid[])
       on conflict do nothing returning group_id`,
      [this.sql.tenantId, id, this.sql.tenantId, relations.parentGroupIds ?? []],
    );
    const parentIds = parents.map((p) => p.group_id);
    await this.touchGroups(parentIds);
    this.changes.record([
      { objectType: 'group', objectId: id, changeType: 'restored' },
      ...parentIds.map(
        (parentId): Change => ({
          objectType: 'group',
          objectId: parentId,
          changeType: 'member_added',
          data: { memberId: id, memberType: 'group' },
        }),
      ),
    ]);
    return { group: GROUPS.fromRow(row!), memberIds: members.map((m) => m.member_id), parentIds };
  }

  /** Groups whose member list a restore changed get a new version (their ETag changes). */
  private async touchGroups(groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    await this.sql.query(
      `update groups set version = version + 1, updated_at = now()
        where tenant_id = ? and id = any(?::uuid[])`,
      [this.sql.tenantId, groupIds],
    );
  }

  /** Removes the archived row and returns it; unknown (or already purged) ids are not found. */
  private async take(id: string, objectType: DeletedObjectType) {
    const kind = objectType === 'user' ? 'User' : 'Group';
    if (!isUuid(id)) throw new NotFoundError(kind, id);
    const [row] = await this.sql.query<{ snapshot: Record<string, unknown>; relations: Record<string, unknown> }>(
      `delete from deleted_directory_objects where tenant_id = ? and id = ? and object_type = ? returning snapshot, relations`,
      [this.sql.tenantId, id, objectType],
    );
    if (!row)
      throw new DomainError('NOT_FOUND', `There is no deleted ${objectType} ${id} (it may have been purged).`, ['id']);
    return row;
  }

  /**
   * A user's manager and department are kept only while they still exist, and extension values
   * only of attributes still declared (one deleted with its values meanwhile stays deleted).
   */
  private async withLiveReferences(snapshot: Record<string, unknown>): Promise<Record<string, unknown>> {
    const [live] = await this.sql.query<{
      manager_id: string | null;
      department_id: string | null;
      extension_values: Record<string, unknown>;
    }>(
      `select (select id from users where tenant_id = ? and id = ?::uuid) as manager_id,
              (select id from departments where tenant_id = ? and id = ?::uuid) as department_id,
              (select coalesce(jsonb_object_agg(e.key, e.value), '{}') from jsonb_each(?::jsonb) e
                where exists (select 1 from extension_attributes a where a.tenant_id = ? and a.path_key = lower(e.key)))
                as extension_values`,
      [
        this.sql.tenantId,
        snapshot.manager_id ?? null,
        this.sql.tenantId,
        snapshot.department_id ?? null,
        JSON.stringify(snapshot.extension_values ?? {}),
        this.sql.tenantId,
      ],
    );
    return {
      ...snapshot,
      manager_id: live!.manager_id,
      department_id: live!.department_id,
      extension_values: live!.extension_values,
      version: Number(snapshot.version ?? 0) + 1,
      updated_at: new Date().toISOString(),
    };
  }
}

function conflictOnRestore(error: unknown, code: string, message: string): unknown {
  if (error instanceof DomainError && error.code === code) {
    return new DomainError('RESTORE_CONFLICT', `Cannot restore: ${message} Rename or delete that one first.`, ['id']);
  }
  return error;
}
