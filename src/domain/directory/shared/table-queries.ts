import type { ColumnChoice, EntityTable } from '../../../platform/db/entity-table';
import { and, fragment, TRUE, type Fragment } from '../../../platform/db/sql-fragment';
import type { QueryOptions, Sql } from '../../../platform/db/tenant-transaction';
import { isUuid } from '../../../platform/ids';
import {
  pagesByParent,
  planKeysetPage,
  toPage,
  TOTAL_COUNT_SELECT,
  totalOf,
  type Page,
  type PageRequest,
  type SortKey,
} from '../../../platform/pagination';

type Row = Record<string, unknown> & { id: string; sort_key: string };

/**
 * The reads every directory table answers the same way, one statement each, over the current
 * tenant's rows of `table`: by ids, a keyset page, a count, and a page per parent. Callers give
 * the compiled filter and the sort key; `from` names the rows under a parent (`users u where
 * u.manager_id = <parent> and`).
 */
export class TableQueries<R> {
  constructor(
    private readonly sql: Sql,
    private readonly table: EntityTable<R>,
  ) {}

  /** Rows by id; unknown ids (and non-ids) are left out. */
  async getMany(ids: readonly string[], columns?: ColumnChoice<R>): Promise<R[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const { alias } = this.table;
    const rows = await this.sql.query(
      `select ${this.table.selectOf(columns)} from ${this.table.name} ${alias}
        where ${alias}.tenant_id = ? and ${alias}.id = any(?::uuid[])`,
      [this.sql.tenantId, valid],
    );
    return rows.map(this.table.fromRow);
  }

  /** A page; with `withTotal`, the count comes in the same statement where it can (the first page). */
  async page(
    filter: Fragment,
    sort: SortKey,
    page: PageRequest,
    options: { withTotal?: boolean; columns?: ColumnChoice<R> } = {},
  ): Promise<Page<R>> {
    const { withTotal = false, columns } = options;
    const plan = planKeysetPage(sort, `${this.table.alias}.id`, page);
    const where = and([this.inTenant(), filter, plan.after]);
    const countAlong = withTotal && !page.after;
    const rows = await this.sql.query<Row & { total_count?: string }>(
      `select ${this.table.selectOf(columns)}, ${plan.sortKeySelect}${countAlong ? `, ${TOTAL_COUNT_SELECT}` : ''}
         from ${this.table.name} ${this.table.alias}
        where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
      [...where.params, plan.limit, plan.offset],
      narrowedBy(filter),
    );
    return { ...toPage(rows, sort, page, this.table.fromRow), total: countAlong ? totalOf(rows, page) : undefined };
  }

  async count(filter: Fragment): Promise<number> {
    const where = and([this.inTenant(), filter]);
    const [row] = await this.sql.query<{ count: number }>(
      `select count(*)::int as count from ${this.table.name} ${this.table.alias} where ${where.text}`,
      where.params,
      narrowedBy(filter),
    );
    return row?.count ?? 0;
  }

  /** A page of the rows under each parent, in one statement however many parents there are. */
  async pageForEach(
    parentIds: readonly string[],
    from: (parentId: string) => string,
    filter: Fragment,
    sort: SortKey,
    page: Omit<PageRequest, 'offset'>,
    columns?: ColumnChoice<R>,
  ): Promise<Map<string, Page<R>>> {
    const plan = planKeysetPage(sort, `${this.table.alias}.id`, page);
    const where = and([this.inTenant(), filter, plan.after]);
    const rows = await this.sql.query<Row & { parent_id: string }>(
      `select p.parent_id, x.*
         from (select jsonb_array_elements_text(?::jsonb)::uuid as parent_id) p
         cross join lateral (
           select ${this.table.selectOf(columns)}, ${plan.sortKeySelect} from ${from('p.parent_id')}
            ${where.text} order by ${plan.orderBy} limit ?
         ) x`,
      [JSON.stringify(parentIds.filter(isUuid)), ...where.params, plan.limit],
      narrowedBy(filter),
    );
    return pagesByParent(parentIds, rows, sort, page, this.table.fromRow);
  }

  /** How many rows are under each parent, in one statement. */
  async countForEach(
    parentIds: readonly string[],
    from: (parentId: string) => string,
    filter: Fragment,
  ): Promise<Map<string, number>> {
    const where = and([this.inTenant(), filter]);
    const rows = await this.sql.query<{ parent_id: string; count: number }>(
      `select p.parent_id, (select count(*)::int from ${from('p.parent_id')} ${where.text}) as count
         from (select jsonb_array_elements_text(?::jsonb)::uuid as parent_id) p`,
      [...where.params, JSON.stringify(parentIds.filter(isUuid))],
      narrowedBy(filter),
    );
    return new Map(rows.map((row) => [row.parent_id, row.count]));
  }

  private inTenant(): Fragment {
    return fragment(`${this.table.alias}.tenant_id = ?`, this.sql.tenantId);
  }
}

/**
 * A statement narrowed by a client's filter is planned for its values (see StatementPlanning):
 * `department eq "…"` matches one user in one department and half the tenant in another.
 */
export function narrowedBy(filter: Fragment | undefined): QueryOptions {
  return { planForValues: filter !== undefined && filter.text !== TRUE.text };
}
