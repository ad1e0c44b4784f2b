import { and, fragment, likeEscape, type Fragment } from '../../db/sql-fragment';
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
 * Every word occurs in the folded (lower-case, unaccented) text: `%word%` on a pg_trgm index.
 * The words are folded in SQL, the same way as the indexed text.
 */
export function allWordsIn(searchedText: string, words: readonly string[]): Fragment {
  return and(words.map((word) => fragment(`${searchedText} like '%' || directory_fold(?) || '%'`, likeEscape(word))));
}

/**
 * Relevance as a sort key, given the folded first word as `q.term`: a value that starts with it
 * ranks first, then text where a word starts with it, then anything containing it; ties by the
 * unique name, so the key also serves as a keyset cursor.
 */
export function relevanceKey(prefixTargets: readonly string[], searchedText: string, uniqueName: string): string {
  const startsWith = prefixTargets
    .map((target) => `directory_fold(coalesce(${target}, '')) like q.term || '%'`)
    .join(' or ');
  return `((case when ${startsWith} then 0 when ${searchedText} like '% ' || q.term || '%' then 1 else 2 end)::text || ' ' || ${uniqueName})`;
}
