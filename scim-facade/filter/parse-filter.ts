import { invalidFilter } from '../errors';
import type { Filter } from './filter-ast';
import { FilterGrammar } from './filter-grammar';

/**
 * Parses the `filter` query parameter (already URL-decoded, so `+` is a space: R-28). Anything
 * unparsable is a 400 invalidFilter whose detail says what is wrong and where.
 */
export function parseFilter(text: string): Filter {
  return new FilterGrammar(text, invalidFilter, 'filter').filter();
}
