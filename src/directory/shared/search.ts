import { fragment, likeEscape, type Fragment } from '../../db/sql-fragment';
import { InvalidInputError } from '../errors';

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
 * folded (lower-case, unaccented) search text, ranked by relevance (see the tiered-search
 * migration for the rank and its key). LIKE is not leakproof, so under row-level security no index could
 * serve it in the request's own query; a SECURITY DEFINER function reads the pg_trgm index for
 * the current tenant only. With `page`, the function also continues after the cursor key and
 * stops at the page size, so a type-ahead search reads each candidate once.
 */
export function searchMatches(
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
export const RELEVANCE_SORT = {
  expression: '(matched.sort_key collate "C")',
  type: 'text',
  unique: true,
  descending: false,
} as const;
