import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Sql } from '../../../platform/db/tenant-transaction';
import type { Change, ChangeRecorder } from '../changes/change-recorder';
import { DepartmentService, departmentByName } from '../departments/department.service';
import {
  DomainError,
  InvalidInputError,
  NotFoundError,
  UnknownReferenceError,
  VersionConflictError,
} from '../../../platform/errors';
import { departmentSubtreeSql, transitiveUserMembersSql } from '../shared/hierarchy-sql';
import { archive } from '../shared/archive';
import { isUuid } from '../../../platform/ids';
import { type Page, type PageRequest } from '../../../platform/pagination';
import { searchCount, searchPage, type SearchedTable } from '../shared/search';
import { TableQueries } from '../shared/table-queries';
import type { Fragment } from '../../../platform/db/sql-fragment';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { SortKey } from '../../../platform/pagination';
import { findDeclarations } from '../extensions/extension-attribute.service';
import { undeclaredAttribute } from '../extensions/extension-attribute.validation';
import {
  valueKey,
  type ExtensionAttributeName,
  type ExtensionAttributeRecord,
} from '../extensions/extension-attribute.record';
import { coerceExtensionValue } from '../extensions/extension-attribute.validation';
import type { ExtensionValues } from '../../../model/values';
import { LOCK_KEYS_IF_FREE, resolveManagerReference, resolveWaiting, WAITING_COUNT } from './manager-reference';
import { compileUserFilterIn, type UserFilter } from './user.filter';
import { USERS, type UserAttributes, type UserField, type UserRecord } from './user.record';
import { extensionSortKey, userSortKey, type UserSortField } from './user.sort';
import { validateUserAttributes, type UserValues } from './user.validation';

/** The most extension values one write may give. */
const MAX_EXTENSION_VALUES_PER_WRITE = 200;

/** What users can be listed under: a manager's direct reports, a department's members, … */
export type UserParent = 'manager' | 'department' | 'departmentTree' | 'groupTransitive';

/**
 * The users under a parent as a FROM clause, given the parent id's SQL expression. A tree's ids
 * come as an array computed once per parent (`= any(array(...))`, which an index scan takes as
 * its key): as `IN (subquery)` the recursion referred to the outer parent and ran for every row.
 */
const USERS_UNDER: Record<UserParent, (parentId: string) => string> = {
  manager: (parentId) => `users u where u.manager_id = ${parentId} and`,
  department: (parentId) => `users u where u.department_id = ${parentId} and`,
  departmentTree: (parentId) => `users u where u.department_id = any(array(${departmentSubtreeSql(parentId)})) and`,
  groupTransitive: (parentId) => `users u where u.id = any(array(${transitiveUserMembersSql(parentId)})) and`,
};

export interface UserOrder {
  field: UserSortField;
  descending?: boolean;
  /** With field EXTENSION_ATTRIBUTE: which declared attribute. */
  extensionAttribute?: ExtensionAttributeName | null;
}

const SEARCHED_USERS: SearchedTable<UserRecord> = {
  searchFunction: 'directory_search_users',
  table: USERS,
  relevanceSortName: 'user:RELEVANCE',
};

/** A row of `select ${USERS.select}`, with whatever else a statement selects. */
type UserRow = Record<string, unknown> & { id: string };

/** Users of the tenant the transaction is confined to. Every method is one request's work. */
export class UserService {
  private readonly rows: TableQueries<UserRecord>;
  /**
   * The user this service last locked (FOR NO KEY UPDATE) and read or wrote, and the transaction's
   * statement count then: while no statement has run since, the row is exactly that (the lock
   * keeps other transactions out), so the next update of that user need not read it again. The
   * SCIM PATCH locks and reads, applies its operations, then writes.
   */
  private held: { id: string; user: UserRecord; statementsSent: number } | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly changes: ChangeRecorder,
  ) {
    this.rows = new TableQueries(sql, USERS);
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const [user] = await this.getMany([id]);
    return user;
  }

  async require(id: string): Promise<UserRecord> {
    const user = await this.get(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /** Users by id, in one statement; unknown ids are left out. `columns`: see ColumnChoice. */
  async getMany(ids: readonly string[], columns?: ColumnChoice<UserRecord>): Promise<UserRecord[]> {
    return this.rows.getMany(ids, columns);
  }

  /**
   * A page of users; with `withTotal`, the count comes in the same statement where it can.
   * `columns`: only those attributes are read (see ColumnChoice).
   */
  async list(
    filter: UserFilter | null | undefined,
    order: UserOrder | undefined,
    page: PageRequest,
    options: { withTotal?: boolean; columns?: ColumnChoice<UserRecord> } = {},
  ): Promise<Page<UserRecord>> {
    return this.rows.page(await this.compileFilter(filter), await this.sortKey(order), page, options);
  }

  /**
   * Type-ahead search over names, userName and emails, ignoring case and accents: every word must
   * occur; names starting with the first word come first. Served by pg_trgm and btree indexes.
   */
  async search(
    search: string,
    filter: UserFilter | null | undefined,
    order: UserOrder | undefined,
    page: PageRequest,
    columns?: ColumnChoice<UserRecord>,
  ): Promise<Page<UserRecord>> {
    return searchPage(
      this.sql,
      SEARCHED_USERS,
      search,
      filter ? await this.compileFilter(filter) : undefined,
      order ? await this.sortKey(order) : undefined,
      page,
      columns,
    );
  }

  async searchCount(search: string, filter: UserFilter | null | undefined): Promise<number> {
    return searchCount(this.sql, SEARCHED_USERS, search, filter ? await this.compileFilter(filter) : undefined);
  }

  async count(filter: UserFilter | null | undefined): Promise<number> {
    return this.rows.count(await this.compileFilter(filter));
  }

  /**
   * A page of users for each parent (the reports of each manager, the members of each department),
   * in one statement however many parents there are.
   */
  async listForEach(
    parent: UserParent,
    parentIds: readonly string[],
    filter: UserFilter | null | undefined,
    order: UserOrder | undefined,
    page: Omit<PageRequest, 'offset'>,
    columns?: ColumnChoice<UserRecord>,
  ): Promise<Map<string, Page<UserRecord>>> {
    const sort = await this.sortKey(order);
    return this.rows.pageForEach(parentIds, USERS_UNDER[parent], await this.compileFilter(filter), sort, page, columns);
  }

  async countForEach(
    parent: UserParent,
    parentIds: readonly string[],
    filter: UserFilter | null | undefined,
  ): Promise<Map<string, number>> {
    return this.rows.countForEach(parentIds, USERS_UNDER[parent], await this.compileFilter(filter));
  }

  async create(attributes: UserAttributes): Promise<UserRecord> {
    const values = validateUserAttributes(attributes, 'create');
    await this.resolveManager(values, attributes);
    // A department given by name is found or created in the insert's own statement (Entra sends
    // one with nearly every user); anything else is resolved first.
    const department =
      values.departmentId === undefined && values.departmentName != null && values.departmentName.trim() !== ''
        ? departmentByName(this.sql.tenantId, values.departmentName)
        : undefined;
    if (!department) await this.resolveDepartment(values);
    const extensionValues = await this.extensionValues(attributes, {});
    if (extensionValues !== undefined) values.extensionValues = extensionValues;
    const fields = Object.keys(values) as UserField[];
    const columns = fields.map((field) => USERS.columnOf(field).column);
    const [row] = await this.sql.query<
      UserRow & { keys_locked: boolean; waiting: number; department_created: boolean | null }
    >(
      `${department ? `with ${department.text}` : ''}
       insert into users as u (tenant_id, id, ${columns.join(', ')}${department ? ', department_id' : ''})
       values (?, ?, ${fields.map((field) => USERS.placeholder(field)).join(', ')}${department ? ', (select id from department)' : ''})
       returning ${USERS.select}, ${LOCK_KEYS_IF_FREE}, ${WAITING_COUNT},
                 ${department ? '(select created from department)' : 'null'} as department_created`,
      [
        ...(department?.params ?? []),
        this.sql.tenantId,
        randomUUID(),
        ...fields.map((field) => USERS.parameter(field, values[field])),
      ],
    );
    const user = USERS.fromRow(row!);
    if (department && user.departmentId) {
      new DepartmentService(this.sql, this.changes).recordCreated(user.departmentId, row!.department_created === true);
    }
    this.changes.record([
      {
        objectType: 'user',
        objectId: user.id,
        changeType: 'created',
        changedFields: changedFieldNames(fields, {}, user.extensionValues),
      },
    ]);
    // Someone may be waiting for this user as their manager, or be about to (manager-reference.ts).
    if (!row!.keys_locked || row!.waiting > 0) {
      this.changes.record(await resolveWaiting(this.sql, user));
    }
    return user;
  }

  /**
   * Applies the given attributes. When expectedVersion is given and the user has changed since,
   * nothing is written. Writing the values a user already has changes nothing (no new version,
   * no change record): Entra re-sends unchanged values routinely.
   */
  async update(id: string, attributes: UserAttributes, expectedVersion?: number | null): Promise<UserRecord> {
    const values = validateUserAttributes(attributes, 'update');
    if (!isUuid(id)) throw new NotFoundError('User', id);
    const held =
      this.held?.id === id && this.held.statementsSent === this.sql.statementsSent ? this.held.user : undefined;
    await this.resolveManager(values, attributes, id);
    const current = held ?? (await this.lockAndRead(id));
    if (expectedVersion != null && expectedVersion !== current.version) {
      throw new VersionConflictError('User', id, expectedVersion, current.version);
    }
    await this.resolveDepartment(values, current);
    const extensionValues = await this.extensionValues(attributes, current.extensionValues);
    if (extensionValues !== undefined) values.extensionValues = extensionValues;
    const changed = (Object.keys(values) as UserField[]).filter(
      (field) => !isDeepStrictEqual(normalizeForComparison(values[field]), normalizeForComparison(current[field])),
    );
    if (changed.length === 0) return this.hold(current);

    const [updatedRow] = await this.sql.query<UserRow>(
      `update users as u set ${changed.map((field) => `${USERS.columnOf(field).column} = ${USERS.placeholder(field)}`).join(', ')},
              version = u.version + 1, updated_at = now()
        where u.tenant_id = ? and u.id = ?
        returning ${USERS.select}`,
      [...changed.map((field) => USERS.parameter(field, values[field])), this.sql.tenantId, id],
    );
    const updated = USERS.fromRow(updatedRow!);
    this.changes.record(describeUpdate(current, updated, changed));
    if (changed.includes('userName') || changed.includes('externalId')) {
      // Renamed, the user may now be the manager someone's pending reference names.
      this.changes.record(await resolveWaiting(this.sql, updated));
    }
    return this.hold(updated);
  }

  /**
   * FOR NO KEY UPDATE, not FOR UPDATE: it still serialises writers of this user (and manager
   * changes whose chains pass through it, migrations/sql/030-tree-cycles.sql), but lets other
   * transactions take the key-share locks their foreign keys need (a report pointing at this
   * user as manager).
   */
  private async lockAndRead(id: string): Promise<UserRecord> {
    const [row] = await this.sql.query<UserRow>(
      `select ${USERS.select} from users u where u.tenant_id = ? and u.id = ? for no key update`,
      [this.sql.tenantId, id],
    );
    if (!row) throw new NotFoundError('User', id);
    return USERS.fromRow(row);
  }

  private hold(user: UserRecord): UserRecord {
    this.held = { id: user.id, user, statementsSent: this.sql.statementsSent };
    return user;
  }

  async setManager(id: string, managerId: string | null, expectedVersion?: number | null): Promise<UserRecord> {
    return this.update(id, { managerId }, expectedVersion);
  }

  /**
   * Deletes a user, its group memberships and its place as manager of others, and records each of
   * those changes. The user stays restorable, with those relations, until the retention purge.
   */
  async delete(id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('User', id);
    const [target] = await this.sql.query<{ id: string; report_ids: string[]; group_ids: string[] }>(
      `select u.id,
              array(select r.id from users r where r.tenant_id = u.tenant_id and r.manager_id = u.id) as report_ids,
              array(select gm.group_id from group_members gm where gm.tenant_id = u.tenant_id and gm.member_id = u.id) as group_ids
         from users u where u.tenant_id = ? and u.id = ? for update`,
      [this.sql.tenantId, id],
    );
    if (!target) throw new NotFoundError('User', id);
    await archive(this.sql, {
      type: 'user',
      id,
      relations: { groupIds: target.group_ids, reportIds: target.report_ids },
    });
    await this.sql.query(
      `with reports as (
         update users set manager_id = null, version = version + 1, updated_at = now()
          where tenant_id = ? and manager_id = ?
       ), groups_touched as (
         update groups set version = version + 1, updated_at = now()
          where tenant_id = ? and id = any(?::uuid[])
       )
       delete from users where tenant_id = ? and id = ?`,
      [this.sql.tenantId, id, this.sql.tenantId, target.group_ids, this.sql.tenantId, id],
    );
    this.changes.record([
      ...target.report_ids.map(
        (reportId): Change => ({
          objectType: 'user',
          objectId: reportId,
          changeType: 'manager_changed',
          changedFields: ['managerId'],
          data: { from: id, to: null },
        }),
      ),
      ...target.group_ids.map(
        (groupId): Change => ({
          objectType: 'group',
          objectId: groupId,
          changeType: 'member_removed',
          data: { memberId: id, memberType: 'user' },
        }),
      ),
      { objectType: 'user', objectId: id, changeType: 'deleted' },
    ]);
  }

  /**
   * A manager given as a reference becomes a manager id, or a pending reference when it names no
   * user yet (manager-reference.ts); a manager given by id replaces a pending reference.
   */
  private async resolveManager(values: UserValues, attributes: UserAttributes, id?: string): Promise<void> {
    if (values.managerReference === undefined) {
      if (values.managerId !== undefined) values.pendingManagerReference = null;
      return;
    }
    const reference = values.managerReference;
    delete values.managerReference;
    if (reference === null) {
      values.managerId = null;
      values.pendingManagerReference = null;
      return;
    }
    const own = [id, attributes.userName, attributes.externalId].filter(
      (key): key is string => typeof key === 'string',
    );
    if (own.some((key) => key.toLowerCase() === reference.toLowerCase())) {
      throw new DomainError('MANAGER_CYCLE', 'A user cannot be their own manager.', ['managerReference']);
    }
    const resolution = await resolveManagerReference(this.sql, reference);
    if ('managerId' in resolution) {
      if (resolution.managerId === id) {
        throw new DomainError('MANAGER_CYCLE', 'A user cannot be their own manager.', ['managerReference']);
      }
      values.managerId = resolution.managerId;
      values.pendingManagerReference = null;
    } else {
      values.managerId = null;
      values.pendingManagerReference = resolution.pending;
    }
  }

  /**
   * The user's extension values after a write, or undefined when the write gives none: each
   * given value coerced to its declared type (null clears it), the rest kept, or cleared with
   * replaceExtensionAttributes. Looks the declarations up only when values are given.
   */
  private async extensionValues(
    attributes: UserAttributes,
    current: ExtensionValues,
  ): Promise<ExtensionValues | undefined> {
    const inputs = attributes.extensionAttributes ?? [];
    const replace = attributes.replaceExtensionAttributes === true;
    if (inputs.length === 0 && !replace) return undefined;
    if (inputs.length > MAX_EXTENSION_VALUES_PER_WRITE) {
      throw new InvalidInputError(
        `At most ${MAX_EXTENSION_VALUES_PER_WRITE} extension values can be written at once.`,
        ['extensionAttributes'],
      );
    }
    const declared = await findDeclarations(this.sql, inputs);
    const next: ExtensionValues = replace ? {} : { ...current };
    for (const input of inputs) {
      const attribute = declared.get(valueKey(input).toLowerCase());
      if (!attribute) throw undeclaredAttribute(input);
      const value = input.value;
      if (value === null || value === '') delete next[valueKey(attribute)];
      else next[valueKey(attribute)] = coerceExtensionValue(attribute, value);
    }
    return next;
  }

  private compileFilter(filter: UserFilter | null | undefined): Promise<Fragment> {
    return compileUserFilterIn(this.sql, filter);
  }

  private async sortKey(order: UserOrder | undefined): Promise<SortKey> {
    if (order?.field !== 'EXTENSION_ATTRIBUTE') return userSortKey(order?.field, order?.descending);
    if (!order.extensionAttribute) {
      throw new InvalidInputError('Sorting by EXTENSION_ATTRIBUTE needs orderBy.extensionAttribute { schema name }.', [
        'orderBy',
        'extensionAttribute',
      ]);
    }
    const attribute: ExtensionAttributeRecord | undefined = (
      await findDeclarations(this.sql, [order.extensionAttribute])
    ).get(valueKey(order.extensionAttribute).toLowerCase());
    if (!attribute) throw undeclaredAttribute(order.extensionAttribute);
    return extensionSortKey(attribute, order.descending ?? false);
  }

  /**
   * A department given by name is found or created, and the name is kept as given; one given by
   * id must exist, and its name becomes the user's department string.
   */
  private async resolveDepartment(values: UserValues, current?: UserRecord): Promise<void> {
    const departments = new DepartmentService(this.sql, this.changes);
    if (values.departmentName !== undefined) {
      if (current && values.departmentName === current.departmentName) return;
      const name = values.departmentName;
      values.departmentId = name == null || name.trim() === '' ? null : await departments.resolveByName(name);
    } else if (values.departmentId != null) {
      const department = await departments.get(values.departmentId);
      if (!department)
        throw new UnknownReferenceError(`Department ${values.departmentId} does not exist.`, ['departmentId']);
      values.departmentName = department.name;
    } else if (values.departmentId === null) {
      values.departmentName = null;
    }
  }
}

function normalizeForComparison(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value))
    return value.map((item) => (item && typeof item === 'object' ? withoutNullish(item) : item));
  return value;
}

function withoutNullish(item: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * The attribute names the change feed reports: departmentId follows the department's name, which
 * clients write as `department`; extension values are reported one by one, as `<schema>:<name>`.
 */
function changedFieldNames(fields: readonly UserField[], before: ExtensionValues, after: ExtensionValues): string[] {
  return fields.flatMap((field) => {
    if (field === 'departmentId') return [];
    if (field === 'departmentName') return ['department'];
    if (field === 'extensionValues') {
      const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
      return [...keys].filter((key) => before[key] !== after[key]).sort();
    }
    return [field];
  });
}

function describeUpdate(before: UserRecord, after: UserRecord, changed: UserField[]): Change[] {
  const changes: Change[] = [];
  const attributeChanges = changedFieldNames(
    changed.filter((field) => field !== 'active' && field !== 'managerId'),
    before.extensionValues,
    after.extensionValues,
  );
  if (attributeChanges.length > 0) {
    changes.push({ objectType: 'user', objectId: after.id, changeType: 'updated', changedFields: attributeChanges });
  }
  if (changed.includes('managerId')) {
    changes.push({
      objectType: 'user',
      objectId: after.id,
      changeType: 'manager_changed',
      changedFields: ['managerId'],
      data: { from: before.managerId, to: after.managerId },
    });
  }
  if (changed.includes('active')) {
    changes.push({
      objectType: 'user',
      objectId: after.id,
      changeType: after.active ? 'reactivated' : 'deactivated',
      changedFields: ['active'],
    });
  }
  return changes;
}
