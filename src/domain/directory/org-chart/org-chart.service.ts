import type { Sql } from '../../../platform/db/tenant-transaction';
import { and, fragment, type Fragment } from '../../../platform/db/sql-fragment';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import { InvalidInputError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { MAX_ORG_DEPTH } from '../shared/org-depth';
import { narrowedBy } from '../shared/table-queries';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  encodeCursor,
  type Page,
  type PageRequest,
} from '../../../platform/pagination';
import { compileUserFilter, type UserFilter } from '../users/user.filter';
import { USERS, type UserRecord } from '../users/user.record';

/** A row of `select ${USERS.select}`, with whatever else a statement selects. */
type UserRow = Record<string, unknown> & { id: string };

export interface Report {
  user: UserRecord;
  /** 1 for a direct report, 2 for a report's report, … */
  depth: number;
}

const REPORTS_ORDER = 'reports:depth,userName';

/**
 * The management tree, read from user_reporting_lines (one row per manager and report at any
 * depth, kept by a trigger on users). Every method answers for many users in one statement.
 */
export class OrgChartService {
  constructor(private readonly sql: Sql) {}

  /** Each user's managers, nearest first, up to maxDepth levels. `columns`: see ColumnChoice. */
  async managementChainOf(
    userIds: readonly string[],
    maxDepth: number,
    columns?: ColumnChoice<UserRecord>,
  ): Promise<Map<string, UserRecord[]>> {
    const depth = checkDepth(maxDepth);
    const rows = await this.sql.query<UserRow & { report_id: string }>(
      `select l.user_id as report_id, ${USERS.selectOf(columns)}
         from user_reporting_lines l join users u on u.tenant_id = l.tenant_id and u.id = l.manager_id
        where l.tenant_id = ? and l.user_id = any(?::uuid[]) and l.depth <= ?
        order by l.user_id, l.depth`,
      [this.sql.tenantId, userIds.filter(isUuid), depth],
    );
    const chains = new Map<string, UserRecord[]>(userIds.map((id) => [id, []]));
    for (const row of rows) chains.get(row.report_id)?.push(USERS.fromRow(row));
    return chains;
  }

  /**
   * Everyone under each manager, nearest levels first and by userName within a level, a page at
   * a time: a range scan of the (manager, depth, userName) index, however large the subtree.
   */
  async reportsOf(
    managerIds: readonly string[],
    options: {
      maxDepth: number;
      filter?: UserFilter | null;
      page: Omit<PageRequest, 'offset'>;
      /** Only these attributes are read (see ColumnChoice). */
      columns?: ColumnChoice<UserRecord>;
    },
  ): Promise<Map<string, Page<Report>>> {
    const maxDepth = checkDepth(options.maxDepth);
    const first = checkFirst(options.page.first);
    const after = options.page.after ? decodeReportsCursor(options.page.after) : undefined;
    const userFilter = compileUserFilter(options.filter);
    const where = and([
      fragment('l.tenant_id = ? and l.manager_id = p.manager_id and l.depth <= ?', this.sql.tenantId, maxDepth),
      after ? fragment('(l.depth, l.user_sort_key) > (?, ?)', after.depth, after.sortKey) : fragment('true'),
      userFilter,
    ]);
    const rows = await this.sql.query<UserRow & { manager_key: string; depth: number; user_sort_key: string }>(
      `select p.manager_id as manager_key, x.*
         from (select jsonb_array_elements_text(?::jsonb)::uuid as manager_id) p
         cross join lateral (
           select l.depth, l.user_sort_key, ${USERS.selectOf(options.columns)}
             from user_reporting_lines l join users u on u.tenant_id = l.tenant_id and u.id = l.user_id
            where ${where.text}
            order by l.depth, l.user_sort_key limit ?
         ) x`,
      [JSON.stringify(managerIds.filter(isUuid)), ...where.params, first + 1],
      narrowedBy(userFilter),
    );
    const pages = new Map<string, Page<Report>>();
    for (const managerId of managerIds) {
      const mine = rows.filter((row) => row.manager_key === managerId);
      const shown = mine.slice(0, first);
      pages.set(managerId, {
        items: shown.map((row) => ({ user: USERS.fromRow(row), depth: row.depth })),
        cursorAt: (index) =>
          encodeCursor(REPORTS_ORDER, `${shown[index]!.depth}:${shown[index]!.user_sort_key}`, shown[index]!.id),
        hasNextPage: mine.length > first,
        hasPreviousPage: Boolean(options.page.after),
      });
    }
    return pages;
  }

  /** How many people are under each manager, down to maxDepth levels, matching the filter. */
  async reportsCountOf(
    managerIds: readonly string[],
    maxDepth: number,
    filter?: UserFilter | null,
  ): Promise<Map<string, number>> {
    const depth = checkDepth(maxDepth);
    const userFilter: Fragment = compileUserFilter(filter);
    const needsUser = userFilter.text !== 'true';
    const rows = await this.sql.query<{ manager_id: string; count: number }>(
      `select p.manager_id, (
         select count(*)::int from user_reporting_lines l
           ${needsUser ? 'join users u on u.tenant_id = l.tenant_id and u.id = l.user_id' : ''}
          where l.tenant_id = ? and l.manager_id = p.manager_id and l.depth <= ? and ${userFilter.text}
       ) as count
       from (select jsonb_array_elements_text(?::jsonb)::uuid as manager_id) p`,
      [this.sql.tenantId, depth, ...userFilter.params, JSON.stringify(managerIds.filter(isUuid))],
      narrowedBy(userFilter),
    );
    return new Map(rows.map((row) => [row.manager_id, row.count]));
  }
}

function checkDepth(maxDepth: number): number {
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_ORG_DEPTH) {
    throw new InvalidInputError(`maxDepth must be between 1 and ${MAX_ORG_DEPTH}.`, ['maxDepth']);
  }
  return maxDepth;
}

function checkFirst(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`first must be between 0 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  return size;
}

function decodeReportsCursor(cursor: string): { depth: number; sortKey: string } {
  try {
    const [order, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const match = /^(\d{1,3}):(.*)$/s.exec(key);
    if (order === REPORTS_ORDER && match) return { depth: Number(match[1]), sortKey: match[2]! };
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('The after cursor is not valid for this list; start again without it.', ['after']);
}
