import { InvalidInputError } from './errors';
import { fragment, type Fragment } from './db/sql-fragment';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
  /** Rows to skip before the page; for SCIM's startIndex. Cursors are the better way to page. */
  offset?: number | null;
}

/** An ordering the database can page with an index: an expression plus the id as a tie-breaker. */
export interface SortKey {
  name: string;
  expression: string;
  /** The SQL type to cast the cursor's text back to. */
  type: 'text' | 'timestamptz' | 'uuid' | 'bigint' | 'numeric';
  /** When the expression is unique per tenant, the id tie-breaker is unnecessary. */
  unique: boolean;
  descending: boolean;
}

export interface Page<T> {
  items: T[];
  /**
   * The cursor of the item at `index`, made when asked for: a page of 100 users each with a page
   * of groups has a thousand cursors, and a client rarely selects one.
   */
  cursorAt(index: number): string;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** How many items match over all pages, when the page's own statement could tell. */
  total?: number;
}

/** The SQL pieces of a keyset page: the "after" condition, the order and the limit. */
export interface KeysetPlan {
  after: Fragment;
  /** The sort key the page continues after, for code that pages itself (the search functions). */
  afterKey: string | null;
  orderBy: string;
  limit: number;
  offset: number;
  /** Selected as `sort_key` alongside the row, to build cursors. */
  sortKeySelect: string;
}

export function planKeysetPage(sort: SortKey, idColumn: string, request: PageRequest): KeysetPlan {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`first must be between 0 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  const offset = request.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidInputError('offset must not be negative.', ['offset']);
  const direction = sort.descending ? 'desc' : 'asc';
  const comparison = sort.descending ? '<' : '>';
  let after = fragment('true');
  let afterKey: string | null = null;
  if (request.after) {
    const cursor = decodeCursor(request.after, sort);
    afterKey = cursor.key;
    after = sort.unique
      ? fragment(`${sort.expression} ${comparison} ?::${sort.type}`, cursor.key)
      : fragment(`(${sort.expression}, ${idColumn}) ${comparison} (?::${sort.type}, ?::uuid)`, cursor.key, cursor.id);
  }
  return {
    after,
    afterKey,
    orderBy: sort.unique
      ? `${sort.expression} ${direction}`
      : `${sort.expression} ${direction}, ${idColumn} ${direction}`,
    limit: first + 1,
    offset,
    sortKeySelect: `(${sort.expression})::text as sort_key`,
  };
}

/**
 * The select-list item that counts every matching row along with the page (before LIMIT and
 * OFFSET), saving a count statement. Only valid on a page without `after`, whose WHERE is the
 * filter alone; see totalOf.
 */
export const TOTAL_COUNT_SELECT = 'count(*) over () as total_count';

/** The total a page's rows carry, when they can: an empty page past an offset or cursor cannot tell. */
export function totalOf(
  rows: ReadonlyArray<{ total_count?: string | number }>,
  request: PageRequest,
): number | undefined {
  if (request.after) return undefined;
  if (rows.length > 0) return Number(rows[0]!.total_count);
  return (request.offset ?? 0) === 0 ? 0 : undefined;
}

/** Turns the rows of a planned query (one more than asked for) into a page. */
export function toPage<Row extends { id: string; sort_key: string }, T>(
  rows: Row[],
  sort: SortKey,
  request: PageRequest,
  map: (row: Row) => T,
): Page<T> {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  const pageRows = rows.slice(0, first);
  return {
    items: pageRows.map(map),
    cursorAt: (index) => encodeCursor(sort.name, pageRows[index]!.sort_key, pageRows[index]!.id),
    hasNextPage: rows.length > first,
    hasPreviousPage: Boolean(request.after) || (request.offset ?? 0) > 0,
  };
}

export function encodeCursor(sortName: string, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sortName, key, id]), 'utf8').toString('base64url');
}

/** Checks a cursor fully before any of it reaches SQL: a forged cursor is the client's mistake, not a 500. */
function decodeCursor(cursor: string, sort: SortKey): { key: string; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 3 &&
      decoded[0] === sort.name &&
      typeof decoded[1] === 'string' &&
      typeof decoded[2] === 'string' &&
      VALID_KEY[sort.type](decoded[1]) &&
      (sort.unique || UUID.test(decoded[2]))
    ) {
      return { key: decoded[1], id: decoded[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('The after cursor is not valid for this list and order; start again without it.', [
    'after',
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VALID_KEY: Record<SortKey['type'], (key: string) => boolean> = {
  // PostgreSQL text cannot hold NUL: a forged key with one is refused here, not failed in SQL.
  text: (key) => key.length <= 10_000 && !key.includes('\u0000'),
  uuid: (key) => UUID.test(key),
  bigint: (key) => /^\d{1,18}$/.test(key),
  numeric: (key) => /^(-?\d{1,100}(\.\d{1,100})?|-Infinity)$/.test(key),
  // -infinity stands for "no value" in the sorts by optional dates (START_DATE, LEAVE_DATE).
  timestamptz: (key) =>
    key === '-infinity' ||
    (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(key) && !Number.isNaN(Date.parse(key))),
};

/** Splits the rows of a per-parent (lateral) page query into one page per parent. */
export function pagesByParent<Row extends { id: string; sort_key: string; parent_id: string }, T>(
  parentIds: readonly string[],
  rows: Row[],
  sort: SortKey,
  request: PageRequest,
  map: (row: Row) => T,
): Map<string, Page<T>> {
  const grouped = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.parent_id)?.push(row);
  return new Map([...grouped].map(([parentId, parentRows]) => [parentId, toPage(parentRows, sort, request, map)]));
}
