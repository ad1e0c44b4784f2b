import { randomUUID } from 'node:crypto';
import type { Sql } from '../../../platform/db/tenant-transaction';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import { fragment, TRUE, type Fragment } from '../../../platform/db/sql-fragment';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../../../platform/errors';
import { assertUuid, isUuid } from '../../../platform/ids';
import { TableQueries } from '../shared/table-queries';
import { lockTree } from '../shared/tree-locks';
import { type Page, type PageRequest } from '../../../platform/pagination';
import {
  compileDepartmentFilter,
  departmentSortKey,
  type DepartmentFilter,
  type DepartmentSortField,
} from './department.filter';
import type { ChangeRecorder } from '../changes/change-recorder';
import { DEPARTMENTS, type DepartmentAttributes, type DepartmentRecord } from './department.record';

/** A row of `select ${DEPARTMENTS.select}`, with whatever else a statement selects. */
type DepartmentRow = Record<string, unknown> & { id: string };

const MAX_NAME_LENGTH = 512;

/** The departments directly under a parent, as a FROM clause. */
const childrenOf = (parentId: string) => `departments d where d.parent_id = ${parentId} and`;

export class DepartmentService {
  private readonly rows: TableQueries<DepartmentRecord>;

  constructor(
    private readonly sql: Sql,
    private readonly changes: ChangeRecorder,
  ) {
    this.rows = new TableQueries(sql, DEPARTMENTS);
  }

  async get(id: string): Promise<DepartmentRecord | undefined> {
    const [department] = await this.getMany([id]);
    return department;
  }

  /** Departments by id; with `columns`, only those attributes (see ColumnChoice). */
  async getMany(ids: readonly string[], columns?: ColumnChoice<DepartmentRecord>): Promise<DepartmentRecord[]> {
    return this.rows.getMany(ids, columns);
  }

  async list(
    filter: DepartmentFilter | null | undefined,
    order: { field: DepartmentSortField; descending?: boolean } | undefined,
    page: PageRequest,
  ): Promise<Page<DepartmentRecord>> {
    return this.rows.page(compileDepartmentFilter(filter), departmentSortKey(order?.field, order?.descending), page);
  }

  async count(filter: DepartmentFilter | null | undefined): Promise<number> {
    return this.rows.count(compileDepartmentFilter(filter));
  }

  /** A page of the direct sub-departments of each department, by name, in one statement. */
  async listChildrenOfEach(
    parentIds: readonly string[],
    page: Omit<PageRequest, 'offset'>,
  ): Promise<Map<string, Page<DepartmentRecord>>> {
    return this.rows.pageForEach(parentIds, childrenOf, TRUE, departmentSortKey('NAME'), page);
  }

  async countChildrenOfEach(parentIds: readonly string[]): Promise<Map<string, number>> {
    return this.rows.countForEach(parentIds, childrenOf, TRUE);
  }

  /** Each department's parents up to the top, nearest first, in one statement. */
  async ancestorsOfEach(ids: readonly string[]): Promise<Map<string, DepartmentRecord[]>> {
    const rows = await this.sql.query<DepartmentRow & { child_id: string }>(
      `select p.child_id, x.*
         from (select jsonb_array_elements_text(?::jsonb)::uuid as child_id) p
         cross join lateral (
           with recursive up(id, depth) as (
             select d.parent_id, 1 from departments d
              where d.tenant_id = directory_current_tenant() and d.id = p.child_id and d.parent_id is not null
             union
             select d.parent_id, up.depth + 1 from up join departments d
                 on d.tenant_id = directory_current_tenant() and d.id = up.id
              where d.parent_id is not null and up.depth < 100
           )
           select ${DEPARTMENTS.select}, up.depth from up join departments d on d.tenant_id = ? and d.id = up.id
         ) x
        order by p.child_id, x.depth`,
      [JSON.stringify(ids.filter(isUuid)), this.sql.tenantId],
    );
    const ancestors = new Map<string, DepartmentRecord[]>(ids.map((id) => [id, []]));
    for (const row of rows) ancestors.get(row.child_id)?.push(DEPARTMENTS.fromRow(row));
    return ancestors;
  }

  /** Moves a department under another (or to the top with null); refused when it would make a cycle. */
  async move(id: string, parentId: string | null, expectedVersion?: number | null): Promise<DepartmentRecord> {
    return this.update(id, { parentId }, expectedVersion);
  }

  async create(attributes: DepartmentAttributes): Promise<DepartmentRecord> {
    if (attributes.parentId != null) await lockTree(this.sql, 'department-tree');
    const name = validName(attributes.name);
    const [row] = await this.sql.query<DepartmentRow>(
      `insert into departments as d (tenant_id, id, name, parent_id, head_user_id)
       values (?, ?, ?, ?::uuid, ?::uuid) returning ${DEPARTMENTS.select}`,
      [
        this.sql.tenantId,
        randomUUID(),
        name,
        optionalId(attributes.parentId, 'parentId'),
        optionalId(attributes.headUserId, 'headUserId'),
      ],
    );
    const department = DEPARTMENTS.fromRow(row!);
    this.changes.record([
      { objectType: 'department', objectId: department.id, changeType: 'created', changedFields: ['name'] },
    ]);
    return department;
  }

  async update(
    id: string,
    attributes: DepartmentAttributes,
    expectedVersion?: number | null,
  ): Promise<DepartmentRecord> {
    if (attributes.parentId !== undefined) await lockTree(this.sql, 'department-tree');
    const [row] = await this.sql.query<DepartmentRow>(
      `select ${DEPARTMENTS.select} from departments d where d.tenant_id = ? and d.id = ? for no key update`,
      [this.sql.tenantId, assertUuid(id, ['id'])],
    );
    if (!row) throw new NotFoundError('Department', id);
    const current = DEPARTMENTS.fromRow(row);
    if (expectedVersion != null && expectedVersion !== current.version) {
      throw new VersionConflictError('Department', id, expectedVersion, current.version);
    }
    const next = {
      name: attributes.name === undefined ? current.name : validName(attributes.name),
      parentId: attributes.parentId === undefined ? current.parentId : optionalId(attributes.parentId, 'parentId'),
      headUserId:
        attributes.headUserId === undefined ? current.headUserId : optionalId(attributes.headUserId, 'headUserId'),
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((key) => next[key] !== current[key]);
    if (changed.length === 0) return current;
    const [updated] = await this.sql.query<DepartmentRow>(
      `update departments as d set name = ?, parent_id = ?::uuid, head_user_id = ?::uuid,
              version = d.version + 1, updated_at = now()
        where d.tenant_id = ? and d.id = ? returning ${DEPARTMENTS.select}`,
      [next.name, next.parentId, next.headUserId, this.sql.tenantId, id],
    );
    this.changes.record([{ objectType: 'department', objectId: id, changeType: 'updated', changedFields: changed }]);
    return DEPARTMENTS.fromRow(updated!);
  }

  /**
   * The id of the department with this name (case-insensitive), created when there is none.
   * Safe under concurrency: a racing insert of the same name is resolved by the unique index.
   */
  async resolveByName(name: string): Promise<string> {
    const department = departmentByName(this.sql.tenantId, name);
    const [row] = await this.sql.query<{ id: string; created: boolean }>(
      `with ${department.text} select id, created from department`,
      department.params,
    );
    this.recordCreated(row!.id, row!.created);
    return row!.id;
  }

  /** Records the change when resolving a name created the department (see departmentByName). */
  recordCreated(departmentId: string, created: boolean): void {
    if (!created) return;
    this.changes.record([
      { objectType: 'department', objectId: departmentId, changeType: 'created', changedFields: ['name'] },
    ]);
  }
}

/**
 * The common table expressions that find the department of this name (case-insensitive) or create
 * it, ending in `department(id, created)`, for a statement to begin `with` (a user's insert takes
 * its department_id from it, in the same round trip). Safe under concurrency: a racing insert of
 * the same name is resolved by the unique index.
 */
export function departmentByName(tenantId: string, name: string): Fragment {
  const validated = validName(name);
  return fragment(
    `existing_department as (
       select id from departments where tenant_id = ? and name_key = lower(?)
     ), inserted_department as (
       insert into departments as d (tenant_id, id, name)
       select ?, ?, ? where not exists (select 1 from existing_department)
       on conflict (tenant_id, name_key) do update set name = d.name
       returning d.id, (xmax = 0) as created
     ), department as (
       select id, false as created from existing_department
       union all
       select id, created from inserted_department
     )`,
    tenantId,
    validated,
    tenantId,
    randomUUID(),
    validated,
  );
}

function validName(name: string | null | undefined): string {
  if (name == null || name.trim() === '') throw new InvalidInputError('A department needs a name.', ['name']);
  if (name.length > MAX_NAME_LENGTH)
    throw new InvalidInputError(`A department name is at most ${MAX_NAME_LENGTH} characters.`, ['name']);
  return name;
}

function optionalId(id: string | null | undefined, field: string): string | null {
  return id == null ? null : assertUuid(id, [field]);
}
