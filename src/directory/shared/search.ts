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

/**
 * Every word occurs in the folded (lower-case, unaccented) search text. LIKE is not leakproof, so
 * under row-level security no index could serve it; the candidates come from a SECURITY DEFINER
 * function that reads the pg_trgm index for the current tenant only (see the migrations).
 */
export function allWordsIn(
  searchFunction: 'directory_search_user_ids' | 'directory_search_group_ids',
  idColumn: string,
  words: readonly string[],
): Fragment {
  return fragment(
    `${idColumn} in (select ${searchFunction}(array(
       select '%' || directory_fold(word) || '%' from jsonb_array_elements_text(?::jsonb) as word)))`,
    JSON.stringify(words.map(likeEscape)),
  );
}

/**
 * Relevance as a sort key, given the folded first word as `q.term`: text that starts with it (the
 * display name comes first in the search text) ranks first, then text where another word starts
 * with it (a family name, an email), then text that only contains it; ties by the unique name, so
 * the key also serves as a keyset cursor. Only plain LIKEs on the stored search text.
 */
export function relevanceKey(searchedText: string, uniqueName: string): string {
  return `((case when ${searchedText} like q.term || '%' then 0 when ${searchedText} like '% ' || q.term || '%' then 1 else 2 end)::text || ' ' || ${uniqueName})`;
}
