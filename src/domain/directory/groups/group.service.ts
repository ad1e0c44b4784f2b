import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../platform/db/tenant-transaction';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import { and, fragment, TRUE } from '../../../platform/db/sql-fragment';
import type { Change, ChangeRecorder } from '../changes/change-recorder';
import {
  InvalidInputError,
  NotFoundError,
  UnknownReferenceError,
  VersionConflictError,
} from '../../../platform/errors';
import { transitiveGroupsOfSql } from '../shared/hierarchy-sql';
import { archive } from '../shared/archive';
import { lockTree } from '../shared/tree-locks';
import { searchCount, searchPage, type SearchedTable } from '../shared/search';
import { TableQueries } from '../shared/table-queries';
import { isUuid } from '../../../platform/ids';
import { pagesByParent, planKeysetPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import { compileGroupFilter, groupSortKey, type GroupFilter, type GroupSortField } from './group.filter';
import {
  GROUPS,
  type GroupAttributes,
  type GroupRecord,
  type MemberRef,
  type MemberType,
  type MembershipChange,
} from './group.record';

/** A row of `select ${GROUPS.select}`, with whatever else a statement selects. */
type GroupRow = Record<string, unknown> & { id: string };

const MAX_TEXT_LENGTH = 2048;
/** One request may name this many members; Entra sends far fewer, a full replace may send more. */
export const MAX_MEMBERS_PER_REQUEST = 10_000;

export interface MembershipResult {
  group: GroupRecord;
  added: MembershipChange[];
  removed: MembershipChange[];
  /** With skipUnknown: the ids given that name no user or group, left out. */
  skipped?: string[];
}

/** How a change treats member ids that name no user or group: fail it whole (the default), or skip them. */
export interface MemberOptions {
  skipUnknown?: boolean;
}

/** Members told apart as users and groups, and the ids that named neither. */
interface ResolvedMembers {
  members: MemberRef[];
  skipped: string[];
}

/**
 * Groups and their members. Membership is a set kept by the database: adding a member twice or
 * removing one that is absent changes nothing, and concurrent changes cannot overwrite each other
 * because no change reads the member list and writes it back.
 */
const SEARCHED_GROUPS: SearchedTable<GroupRecord> = {
  searchFunction: 'directory_search_groups',
  table: GROUPS,
  relevanceSortName: 'group:RELEVANCE',
};

export class GroupService {
  private readonly rows: TableQueries<GroupRecord>;

  constructor(
    private readonly sql: Sql,
    private readonly changes: ChangeRecorder,
  ) {
    this.rows = new TableQueries(sql, GROUPS);
  }

  async get(id: string): Promise<GroupRecord | undefined> {
    const [group] = await this.getMany([id]);
    return group;
  }

  async getMany(ids: readonly string[]): Promise<GroupRecord[]> {
    return this.rows.getMany(ids);
  }

  /** A page of groups; with `withTotal`, the count comes in the same statement where it can. */
  async list(
    filter: GroupFilter | null | undefined,
    order: { field: GroupSortField; descending?: boolean } | undefined,
    page: PageRequest,
    options: { withTotal?: boolean } = {},
  ): Promise<Page<GroupRecord>> {
    const sort = groupSortKey(order?.field, order?.descending);
    return this.rows.page(compileGroupFilter(filter), sort, page, { withTotal: options.withTotal });
  }

  /** Type-ahead search over group names, ignoring case and accents; names starting with it first. */
  async search(
    search: string,
    filter: GroupFilter | null | undefined,
    order: { field: GroupSortField; descending?: boolean } | undefined,
    page: PageRequest,
  ): Promise<Page<GroupRecord>> {
    return searchPage(
      this.sql,
      SEARCHED_GROUPS,
      search,
      filter ? compileGroupFilter(filter) : undefined,
      order ? groupSortKey(order.field, order.descending) : undefined,
      page,
    );
  }

  async searchCount(search: string, filter: GroupFilter | null | undefined): Promise<number> {
    return searchCount(this.sql, SEARCHED_GROUPS, search, filter ? compileGroupFilter(filter) : undefined);
  }

  async count(filter: GroupFilter | null | undefined): Promise<number> {
    return this.rows.count(compileGroupFilter(filter));
  }

  /** A page of the direct members of each group (ordered by member id), in one statement. */
  async listMembersForEach(
    groupIds: readonly string[],
    memberType: MemberType | null | undefined,
    page: Omit<PageRequest, 'offset'>,
  ): Promise<Map<string, Page<MemberRef>>> {
    const sort: SortKey = {
      name: 'member:ID:asc',
      expression: 'gm.member_id',
      type: 'uuid',
      unique: true,
      descending: false,
    };
    const plan = planKeysetPage(sort, 'gm.member_id', page);
    const where = and([
      fragment('gm.tenant_id = ? and gm.group_id = p.parent_id', this.sql.tenantId),
      memberTypeCondition(memberType),
      plan.after,
    ]);
    const rows = await this.sql.query<{ parent_id: string; id: string; sort_key: string; is_user: boolean }>(
      `select p.parent_id, x.*
         from (select jsonb_array_elements_text(?::jsonb)::uuid as parent_id) p
         cross join lateral (
           select gm.member_id as id, gm.member_user_id is not null as is_user, ${plan.sortKeySelect}
             from group_members gm where ${where.text} order by ${plan.orderBy} limit ?
         ) x`,
      [JSON.stringify(groupIds.filter(isUuid)), ...where.params, plan.limit],
    );
    return pagesByParent(
      groupIds,
      rows,
      sort,
      page,
      (row): MemberRef => ({ memberId: row.id, memberType: row.is_user ? 'user' : 'group' }),
    );
  }

  async countMembersForEach(
    groupIds: readonly string[],
    memberType: MemberType | null | undefined,
  ): Promise<Map<string, number>> {
    const where = and([
      fragment('gm.tenant_id = ? and gm.group_id = any(?::uuid[])', this.sql.tenantId, groupIds.filter(isUuid)),
      memberTypeCondition(memberType),
    ]);
    const rows = await this.sql.query<{ group_id: string; count: number }>(
      `select gm.group_id, count(*)::int as count from group_members gm where ${where.text} group by gm.group_id`,
      where.params,
    );
    return new Map(rows.map((row) => [row.group_id, row.count]));
  }

  /**
   * A page of the groups each user or group belongs to, by displayName, in one statement: directly,
   * or (transitive) also through the groups those belong to. `columns`: see ColumnChoice.
   */
  async listGroupsOfEach(
    memberIds: readonly string[],
    transitive: boolean,
    page: Omit<PageRequest, 'offset'>,
    columns?: ColumnChoice<GroupRecord>,
  ): Promise<Map<string, Page<GroupRecord>>> {
    const sort = groupSortKey('DISPLAY_NAME');
    return this.rows.pageForEach(memberIds, groupsContaining(transitive), TRUE, sort, page, columns);
  }

  async countGroupsOfEach(memberIds: readonly string[], transitive: boolean): Promise<Map<string, number>> {
    return this.rows.countForEach(memberIds, groupsContaining(transitive), TRUE);
  }

  async create(
    attributes: GroupAttributes,
    memberIds: readonly string[] = [],
    options: MemberOptions = {},
  ): Promise<MembershipResult> {
    const displayName = validDisplayName(attributes.displayName);
    const [row] = await this.sql.query<GroupRow>(
      `insert into groups as g (tenant_id, id, display_name, external_id, description)
       values (?, ?, ?, ?, ?) returning ${GROUPS.select}`,
      [
        this.sql.tenantId,
        randomUUID(),
        displayName,
        validText(attributes.externalId, 'externalId'),
        validText(attributes.description, 'description'),
      ],
    );
    const group = GROUPS.fromRow(row!);
    this.changes.record([
      { objectType: 'group', objectId: group.id, changeType: 'created', changedFields: ['displayName'] },
    ]);
    // The first members are part of the creation: the group stays at version 1.
    const { members, skipped } = await this.resolveMembers(memberIds, options);
    const added = await this.insertMembers(group.id, members);
    this.changes.record(added.map((member) => memberChange(group.id, 'member_added', member)));
    return { group, added, removed: [], skipped };
  }

  async update(id: string, attributes: GroupAttributes, expectedVersion?: number | null): Promise<GroupRecord> {
    const current = await this.lockForChange(id, expectedVersion);
    const next = {
      displayName:
        attributes.displayName === undefined ? current.displayName : validDisplayName(attributes.displayName),
      externalId:
        attributes.externalId === undefined ? current.externalId : validText(attributes.externalId, 'externalId'),
      description:
        attributes.description === undefined ? current.description : validText(attributes.description, 'description'),
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return current;
    const [row] = await this.sql.query<GroupRow>(
      `update groups as g set display_name = ?, external_id = ?, description = ?, version = g.version + 1, updated_at = now()
        where g.tenant_id = ? and g.id = ? returning ${GROUPS.select}`,
      [next.displayName, next.externalId, next.description, this.sql.tenantId, id],
    );
    this.changes.record([{ objectType: 'group', objectId: id, changeType: 'updated', changedFields: changed }]);
    return GROUPS.fromRow(row!);
  }

  /** Deletes a group and its memberships both ways; it stays restorable until the retention purge. */
  async delete(id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('Group', id);
    const [target] = await this.sql.query<{
      id: string;
      parent_ids: string[];
      member_user_ids: string[];
      member_group_ids: string[];
    }>(
      `select g.id,
              array(select gm.group_id from group_members gm
                     where gm.tenant_id = g.tenant_id and gm.member_group_id = g.id) as parent_ids,
              array(select gm.member_user_id from group_members gm
                     where gm.tenant_id = g.tenant_id and gm.group_id = g.id and gm.member_user_id is not null) as member_user_ids,
              array(select gm.member_group_id from group_members gm
                     where gm.tenant_id = g.tenant_id and gm.group_id = g.id and gm.member_group_id is not null) as member_group_ids
         from groups g where g.tenant_id = ? and g.id = ? for update`,
      [this.sql.tenantId, id],
    );
    if (!target) throw new NotFoundError('Group', id);
    await archive(this.sql, {
      type: 'group',
      id,
      relations: {
        memberUserIds: target.member_user_ids,
        memberGroupIds: target.member_group_ids,
        parentGroupIds: target.parent_ids,
      },
    });
    await this.sql.query(
      `with parents as (
         update groups set version = version + 1, updated_at = now()
          where tenant_id = ? and id = any(?::uuid[])
       )
       delete from groups where tenant_id = ? and id = ?`,
      [this.sql.tenantId, target.parent_ids, this.sql.tenantId, id],
    );
    this.changes.record([
      ...target.parent_ids.map(
        (parentId): Change => ({
          objectType: 'group',
          objectId: parentId,
          changeType: 'member_removed',
          data: { memberId: id, memberType: 'group' },
        }),
      ),
      { objectType: 'group', objectId: id, changeType: 'deleted' },
    ]);
  }

  /** Adds users or groups (told apart by id). Unknown ids fail the whole call and are named, unless skipped. */
  async addMembers(
    groupId: string,
    memberIds: readonly string[],
    expectedVersion?: number | null,
    options: MemberOptions = {},
  ): Promise<MembershipResult> {
    const { invalid, unique } = memberIdsOf(memberIds, options);
    if (!isUuid(groupId)) throw new NotFoundError('Group', groupId);
    // Entra adds members one user per PATCH: one statement locks the group, tells the ids apart
    // and, when every id is a user and the version is as expected, inserts them and bumps the
    // version. Otherwise it inserted nothing and the group stays locked for the rest below.
    const [row] = await this.sql.query<GroupRow & AddedUsersRow>(ADD_USERS_SQL, [
      this.sql.tenantId,
      groupId,
      this.sql.tenantId,
      this.sql.tenantId,
      unique,
      expectedVersion ?? null,
      expectedVersion ?? null,
      this.sql.tenantId,
      groupId,
      this.sql.tenantId,
      groupId,
    ]);
    if (!row) throw new NotFoundError('Group', groupId);
    const locked = GROUPS.fromRow(row);
    if (expectedVersion != null && expectedVersion !== locked.version) {
      throw new VersionConflictError('Group', groupId, expectedVersion, locked.version);
    }
    const { members, skipped } = resolvedMembers(row.kinds, invalid, options);
    const { added, group } = row.applied ? addedUsers(locked, row) : await this.insertAfterTreeLock(locked, members);
    if (added.length > 0) this.changes.record(added.map((member) => memberChange(groupId, 'member_added', member)));
    return { group, added, removed: [], skipped };
  }

  /**
   * The rest of addMembers when ADD_USERS_SQL did not apply (a group among the ids, or unknown ids
   * skipped): the group-tree lock when a group is among them, after the group's row lock (should
   * that ever deadlock against another nesting, the request runs again, request-runner.ts), then
   * the insert and the version bump (only when a member was new) in one statement. The group as
   * it is after: bumped when a member was new, else as locked.
   */
  private async insertAfterTreeLock(locked: GroupRecord, members: readonly MemberRef[]): Promise<AddedMembers> {
    await this.lockForNesting(members);
    if (members.length === 0) return { added: [], group: locked };
    const groupId = locked.id;
    const [row] = await this.sql.query<GroupRow & { added: MemberRow[] }>(
      `with inserted as (
         insert into group_members (tenant_id, group_id, member_user_id, member_group_id)
         select ?, ?, m.user_id, m.group_id from jsonb_to_recordset(?::jsonb) as m(user_id uuid, group_id uuid)
         on conflict (tenant_id, group_id, member_id) do nothing
         returning member_id, member_user_id is not null as is_user
       ), bumped as (
         update groups as g set version = g.version + 1, updated_at = now()
          where g.tenant_id = ? and g.id = ? and exists (select 1 from inserted)
          returning ${GROUPS.select}
       )
       select bumped.*,
              (select coalesce(json_agg(json_build_object('member_id', member_id, 'is_user', is_user)), '[]'::json)
                 from inserted) as added
         from (select 1) as one left join bumped on true`,
      [this.sql.tenantId, groupId, memberRecordset(members), this.sql.tenantId, groupId],
    );
    const added = row!.added.map(memberFromRow);
    return { added, group: added.length > 0 ? GROUPS.fromRow(row!) : locked };
  }

  /** Removes the listed members; ids that are not members (or not ids) are ignored. */
  async removeMembers(
    groupId: string,
    memberIds: readonly string[],
    expectedVersion?: number | null,
  ): Promise<MembershipResult> {
    await this.lockForChange(groupId, expectedVersion);
    checkCount(memberIds);
    const rows = await this.sql.query<MemberRow>(
      `delete from group_members
        where tenant_id = ? and group_id = ? and member_id = any(?::uuid[])
        returning member_id, member_user_id is not null as is_user`,
      [this.sql.tenantId, groupId, memberIds.filter(isUuid)],
    );
    return this.finishMembershipChange(groupId, [], rows.map(memberFromRow));
  }

  /** Makes the member set exactly the listed ids (an empty list removes every member). */
  async replaceMembers(
    groupId: string,
    memberIds: readonly string[],
    expectedVersion?: number | null,
    options: MemberOptions = {},
  ): Promise<MembershipResult> {
    const { members, skipped } = await this.resolveMembers(memberIds, options);
    await this.lockForNesting(members);
    await this.lockForChange(groupId, expectedVersion);
    const rows = await this.sql.query<MemberRow & { change: 'added' | 'removed' }>(
      `with wanted as (
         select m.user_id, m.group_id, coalesce(m.user_id, m.group_id) as member_id
           from jsonb_to_recordset(?::jsonb) as m(user_id uuid, group_id uuid)
       ), removed as (
         delete from group_members gm
          where gm.tenant_id = ? and gm.group_id = ? and gm.member_id not in (select member_id from wanted)
          returning gm.member_id, gm.member_user_id is not null as is_user
       ), inserted as (
         insert into group_members (tenant_id, group_id, member_user_id, member_group_id)
         select ?, ?, w.user_id, w.group_id from wanted w
         on conflict (tenant_id, group_id, member_id) do nothing
         returning member_id, member_user_id is not null as is_user
       )
       select 'removed' as change, member_id, is_user from removed
       union all
       select 'added' as change, member_id, is_user from inserted`,
      [memberRecordset(members), this.sql.tenantId, groupId, this.sql.tenantId, groupId],
    );
    const result = await this.finishMembershipChange(
      groupId,
      rows.filter((row) => row.change === 'added').map(memberFromRow),
      rows.filter((row) => row.change === 'removed').map(memberFromRow),
    );
    return { ...result, skipped };
  }

  /** Inserts members with set semantics: one already present is left alone, not an error. */
  private async insertMembers(groupId: string, members: readonly MemberRef[]): Promise<MembershipChange[]> {
    if (members.length === 0) return [];
    const rows = await this.sql.query<MemberRow>(
      `insert into group_members (tenant_id, group_id, member_user_id, member_group_id)
       select ?, ?, m.user_id, m.group_id from jsonb_to_recordset(?::jsonb) as m(user_id uuid, group_id uuid)
       on conflict (tenant_id, group_id, member_id) do nothing
       returning member_id, member_user_id is not null as is_user`,
      [this.sql.tenantId, groupId, memberRecordset(members)],
    );
    return rows.map(memberFromRow);
  }

  /** Nesting groups takes the tenant's group-tree lock before the group row (see lockTree). */
  private async lockForNesting(members: readonly MemberRef[]): Promise<void> {
    if (members.some((member) => member.memberType === 'group')) await lockTree(this.sql, 'group-tree');
  }

  /**
   * Tells each listed id apart as a user or a group; unknown ids fail the whole change, named, or
   * with skipUnknown are left out and returned.
   */
  private async resolveMembers(memberIds: readonly string[], options: MemberOptions = {}): Promise<ResolvedMembers> {
    const { invalid, unique } = memberIdsOf(memberIds, options);
    if (unique.length === 0) return { members: [], skipped: [...new Set(invalid)] };
    const rows = await this.sql.query<MemberKind>(`select ${MEMBER_KINDS_OF_W} from unnest(?::uuid[]) as w(id)`, [
      this.sql.tenantId,
      this.sql.tenantId,
      unique,
    ]);
    return resolvedMembers(rows, invalid, options);
  }

  /**
   * Locks the group row, so membership changes of one group take turns (each sees the last and
   * bumps the version once), and checks the expected version. FOR NO KEY UPDATE leaves the
   * key-share locks that member foreign keys take free, so G1-adds-G2 racing G2-adds-G1 ends in
   * GROUP_CYCLE for one of them rather than a deadlock.
   */
  private async lockForChange(id: string, expectedVersion: number | null | undefined): Promise<GroupRecord> {
    if (!isUuid(id)) throw new NotFoundError('Group', id);
    const [row] = await this.sql.query<GroupRow>(
      `select ${GROUPS.select} from groups g where g.tenant_id = ? and g.id = ? for no key update`,
      [this.sql.tenantId, id],
    );
    if (!row) throw new NotFoundError('Group', id);
    const group = GROUPS.fromRow(row);
    if (expectedVersion != null && expectedVersion !== group.version) {
      throw new VersionConflictError('Group', id, expectedVersion, group.version);
    }
    return group;
  }

  /** Bumps the version when the member set changed, and records each change. */
  private async finishMembershipChange(
    groupId: string,
    added: MembershipChange[],
    removed: MembershipChange[],
  ): Promise<MembershipResult> {
    if (added.length === 0 && removed.length === 0) {
      return { group: (await this.get(groupId))!, added, removed };
    }
    const [row] = await this.sql.query<GroupRow>(
      `update groups as g set version = g.version + 1, updated_at = now()
        where g.tenant_id = ? and g.id = ? returning ${GROUPS.select}`,
      [this.sql.tenantId, groupId],
    );
    this.changes.record([
      ...added.map((member) => memberChange(groupId, 'member_added', member)),
      ...removed.map((member) => memberChange(groupId, 'member_removed', member)),
    ]);
    return { group: GROUPS.fromRow(row!), added, removed };
  }
}

interface MemberRow {
  member_id: string;
  is_user: boolean;
}

function memberFromRow(row: MemberRow): MembershipChange {
  return { memberId: row.member_id, memberType: row.is_user ? 'user' : 'group' };
}

/** Members as a jsonb recordset: a user id or a group id per row, for the two foreign keys. */
function memberRecordset(members: readonly MemberRef[]): string {
  return JSON.stringify(
    members.map((m) => (m.memberType === 'user' ? { user_id: m.memberId } : { group_id: m.memberId })),
  );
}

function memberChange(groupId: string, changeType: 'member_added' | 'member_removed', member: MemberRef): Change {
  return {
    objectType: 'group',
    objectId: groupId,
    changeType,
    data: { memberId: member.memberId, memberType: member.memberType },
  };
}

/** Whether each id `w.id` names a user or a group (select-list SQL; tenant id twice). */
const MEMBER_KINDS_OF_W = `w.id,
  exists (select 1 from users u where u.tenant_id = ? and u.id = w.id) as is_user,
  exists (select 1 from groups mg where mg.tenant_id = ? and mg.id = w.id) as is_group`;

interface MemberKind {
  id: string;
  is_user: boolean;
  is_group: boolean;
}

/** The members an add inserted (those already in are left out) and the group as it is after. */
interface AddedMembers {
  added: MembershipChange[];
  group: GroupRecord;
}

/** What ADD_USERS_SQL inserted, when it applied, and the group after its version bump. */
function addedUsers(locked: GroupRecord, row: AddedUsersRow): AddedMembers {
  const added = row.added_ids.map((memberId): MembershipChange => ({ memberId, memberType: 'user' }));
  if (added.length === 0) return { added, group: locked };
  return { added, group: { ...locked, version: row.bumped_version!, updatedAt: row.bumped_updated_at! } };
}

/** What ADD_USERS_SQL gives besides the locked group's columns. */
interface AddedUsersRow {
  /** Every id was a user and the version as expected: the users were inserted. */
  applied: boolean;
  kinds: MemberKind[];
  /** The users that were not members yet. */
  added_ids: string[];
  /** The group's version and update time after the bump, when a user was added. */
  bumped_version: number | null;
  bumped_updated_at: Date | null;
}

/**
 * Locks the group (FOR NO KEY UPDATE, as lockForChange), tells each id `w.id` apart and, only when
 * all are users and the version is as expected (null: any), inserts them and bumps the version:
 * Entra's one-user Add PATCH in one statement. The lock is taken before the insert runs (the
 * insert's condition reads the locked row), so adds to one group still take turns.
 * Parameters: tenant, group; tenant twice and the ids (kinds); the expected version twice;
 * tenant, group (insert); tenant, group (bump).
 */
const ADD_USERS_SQL = `with locked as (
    select ${GROUPS.select} from groups g where g.tenant_id = ? and g.id = ? for no key update
  ), kinds as (
    select ${MEMBER_KINDS_OF_W} from unnest(?::uuid[]) as w(id)
  ), applies as (
    select exists (select 1 from locked where ?::int is null or locked.version = ?::int)
       and not exists (select 1 from kinds where not kinds.is_user) as ok
  ), inserted as (
    insert into group_members (tenant_id, group_id, member_user_id, member_group_id)
    select ?, ?, k.id, null from kinds k where (select ok from applies)
    on conflict (tenant_id, group_id, member_id) do nothing
    returning member_id
  ), bumped as (
    update groups as g set version = g.version + 1, updated_at = now()
     where g.tenant_id = ? and g.id = ? and exists (select 1 from inserted)
     returning g.version, g.updated_at
  )
  select locked.*,
         (select ok from applies) as applied,
         (select coalesce(json_agg(json_build_object('id', k.id, 'is_user', k.is_user, 'is_group', k.is_group)), '[]'::json)
            from kinds k) as kinds,
         (select coalesce(json_agg(member_id), '[]'::json) from inserted) as added_ids,
         (select version from bumped) as bumped_version,
         (select updated_at from bumped) as bumped_updated_at
    from locked`;

/** The ids that cannot be ids (refused unless skipped) and the others, once each. */
function memberIdsOf(memberIds: readonly string[], options: MemberOptions): { invalid: string[]; unique: string[] } {
  checkCount(memberIds);
  const invalid = memberIds.filter((id) => !isUuid(id));
  if (invalid.length > 0 && !options.skipUnknown) throw unknownMembers(invalid);
  return { invalid, unique: [...new Set(memberIds.filter(isUuid).map((id) => id.toLowerCase()))] };
}

function resolvedMembers(kinds: readonly MemberKind[], invalid: string[], options: MemberOptions): ResolvedMembers {
  const unknown = kinds.filter((row) => !row.is_user && !row.is_group).map((row) => row.id);
  if (unknown.length > 0 && !options.skipUnknown) throw unknownMembers(unknown);
  return {
    members: kinds
      .filter((row) => row.is_user || row.is_group)
      .map((row) => ({ memberId: row.id, memberType: row.is_user ? 'user' : 'group' })),
    skipped: [...new Set(invalid), ...unknown],
  };
}

function unknownMembers(ids: string[]): UnknownReferenceError {
  const shown = ids.slice(0, 10).join(', ');
  const more = ids.length > 10 ? ` and ${ids.length - 10} more` : '';
  return new UnknownReferenceError(`No user or group has the id ${shown}${more}; provision those members first.`, [
    'members',
  ]);
}

function checkCount(memberIds: readonly string[]): void {
  if (memberIds.length > MAX_MEMBERS_PER_REQUEST) {
    throw new InvalidInputError(`At most ${MAX_MEMBERS_PER_REQUEST} members can be changed in one request.`, [
      'members',
    ]);
  }
}

function validDisplayName(name: string | null | undefined): string {
  if (name == null || name.trim() === '') throw new InvalidInputError('A group needs a displayName.', ['displayName']);
  if (name.length > MAX_TEXT_LENGTH)
    throw new InvalidInputError(`displayName is longer than ${MAX_TEXT_LENGTH} characters.`, ['displayName']);
  return name;
}

function validText(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (value.length > MAX_TEXT_LENGTH)
    throw new InvalidInputError(`${field} is longer than ${MAX_TEXT_LENGTH} characters.`, [field]);
  return value;
}

/**
 * The groups `g` that contain the member `p.parent_id`, as a FROM clause. Directly: a join of the
 * memberships, which PostgreSQL plans in under a third of the time of the array form below (GraphQL
 * plans every statement for its values: for a page of 100 users, 0.6 ms instead of 2.1, and it
 * runs faster too). Transitively: the ids come as an array computed once per member; as
 * `IN (subquery)` the recursion ran again for every group row.
 */
function groupsContaining(transitive: boolean): (memberId: string) => string {
  if (!transitive) {
    return (memberId) =>
      `group_members gm join groups g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
        where gm.tenant_id = directory_current_tenant() and gm.member_id = ${memberId} and`;
  }
  return (memberId) => `groups g where g.id = any(array(${transitiveGroupsOfSql(memberId)})) and`;
}

function memberTypeCondition(memberType: MemberType | null | undefined) {
  if (!memberType) return fragment('true');
  return fragment(memberType === 'user' ? 'gm.member_user_id is not null' : 'gm.member_group_id is not null');
}
