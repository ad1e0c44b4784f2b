import { and, fragment, likeEscape, type Fragment } from '../../../platform/db/sql-fragment';
import type { Sql } from '../../../platform/db/tenant-transaction';
import { narrowedBy } from './table-queries';
import { InvalidInputError } from '../../../platform/errors';
import type { ColumnChoice, EntityTable } from '../../../platform/db/entity-table';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';

const MAX_SEARCH_WORDS = 6;
const MAX_SEARCH_LENGTH = 200;

/** The words of a type-ahead search; each must appear in the searched text. */
export function searchWords(search: string): string[] {
  if (search.length > MAX_SEARCH_LENGTH) {
    throw new InvalidInputError(`search is longer than ${MAX_SEARCH_LENGTH} characters.`, ['search']);
  }
  return search.trim().split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
}

export type SearchFunction = 'directory_search_users' | 'directory_search_groups';

/**
 * The matches of a search as a FROM item `matched(id, sort_key)`: every word occurs in the
 * folded (lower-case, unaccented) search text, ranked by relevance (see
 * migrations/sql/060-search.sql for the rank and its key). LIKE is not leakproof, so under row-level security no
 * index could serve it in the request's own query; a SECURITY DEFINER function reads the prefix
 * (btree) and pg_trgm indexes for the current tenant only. With `page`, the function also
 * continues after the cursor key and stops at the page size.
 */
function searchMatches(
  searchFunction: SearchFunction,
  words: readonly string[],
  page?: { afterKey: string | null; limit: number },
): Fragment {
  return fragment(
    `${searchFunction}(
       array(select '%' || directory_fold(word) || '%' from jsonb_array_elements_text(?::jsonb) as word),
       directory_fold(?), ?, ?) as matched`,
    JSON.stringify(words.map(likeEscape)),
    words[0] ?? '',
    page?.afterKey ?? null,
    page?.limit ?? null,
  );
}

/**
 * The sort key under which search results come by relevance (`matched.sort_key`), compared in the
 * "C" collation as the search functions compare it, whatever the database's default collation.
 */
const RELEVANCE_SORT = {
  expression: '(matched.sort_key collate "C")',
  type: 'text',
  unique: true,
  descending: false,
} as const;

/** What a search needs to know of the table it searches (users, groups). */
export interface SearchedTable<Item> {
  searchFunction: SearchFunction;
  table: EntityTable<Item>;
  /** Names the relevance order in cursors, e.g. `user:RELEVANCE`. */
  relevanceSortName: string;
}

/**
 * A page of search results: by relevance, or in `order` when given, narrowed by `filter` (the
 * compiled filter, when the client gave one). Plain type-ahead (by relevance, no filter, no
 * offset) lets the search function page itself, so it reads only the page's candidates.
 */
export async function searchPage<Item>(
  sql: Sql,
  searched: SearchedTable<Item>,
  search: string,
  filter: Fragment | undefined,
  order: SortKey | undefined,
  page: PageRequest,
  columns?: ColumnChoice<Item>,
): Promise<Page<Item>> {
  const sort: SortKey = order ?? { name: searched.relevanceSortName, ...RELEVANCE_SORT };
  const plan = planKeysetPage(sort, `${searched.table.alias}.id`, page);
  const selfPaging = !order && !filter && !page.offset;
  const matches = searchMatches(
    searched.searchFunction,
    searchWords(search),
    selfPaging ? { afterKey: plan.afterKey, limit: plan.limit } : undefined,
  );
  const where = and([tenantOf(sql, searched), filter ?? fragment('true'), plan.after]);
  const rows = await sql.query<{ id: string; sort_key: string }>(
    `select ${searched.table.selectOf(columns)}, ${plan.sortKeySelect} from ${matchedRows(searched, matches)}
      where ${where.text} order by ${plan.orderBy} limit ? offset ?`,
    [...matches.params, ...where.params, plan.limit, plan.offset],
    narrowedBy(filter),
  );
  return toPage(rows, sort, page, searched.table.fromRow);
}

/** How many rows a search matches, narrowed by `filter` when the client gave one. */
export async function searchCount<Item>(
  sql: Sql,
  searched: SearchedTable<Item>,
  search: string,
  filter: Fragment | undefined,
): Promise<number> {
  const matches = searchMatches(searched.searchFunction, searchWords(search));
  const where = and([tenantOf(sql, searched), filter ?? fragment('true')]);
  const [row] = await sql.query<{ count: number }>(
    `select count(*)::int as count from ${matchedRows(searched, matches)} where ${where.text}`,
    [...matches.params, ...where.params],
    narrowedBy(filter),
  );
  return row?.count ?? 0;
}

function matchedRows(searched: SearchedTable<unknown>, matches: Fragment): string {
  const { name, alias } = searched.table;
  return `${matches.text} join ${name} ${alias} on ${alias}.id = matched.id`;
}

function tenantOf(sql: Sql, searched: SearchedTable<unknown>): Fragment {
  return fragment(`${searched.table.alias}.tenant_id = ?`, sql.tenantId);
}
