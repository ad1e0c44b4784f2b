import { ScimError } from '../errors';
import type { Filter } from './filter-ast';
import { parseFilter } from './parse-filter';

/**
 * Whether a list request is heavy work, which takes one of its tenant's few heavy places on this
 * instance (src/api/http/tenant-fair-share.ts). A list found by equality (`userName eq "…"`, what
 * Entra sends before every create, docs/entra-behaviour.md C-03) reads a few index entries; any
 * other filter, or none, may read and count many of the tenant's users or groups. A filter that does
 * not parse is not heavy: it is answered 400 before anything is read.
 */
export function isHeavyList(query: Record<string, unknown>): boolean {
  const text = query.filter;
  if (text === undefined) return true;
  if (typeof text !== 'string') return false;
  try {
    return !foundByEquality(parseFilter(text));
  } catch (error) {
    if (error instanceof ScimError) return false;
    throw error;
  }
}

function foundByEquality(filter: Filter): boolean {
  switch (filter.kind) {
    case 'compare':
      return filter.operator === 'eq';
    case 'and':
    case 'or':
      return filter.filters.every(foundByEquality);
    case 'valuePath':
      return foundByEquality(filter.filter);
    case 'present':
    case 'not':
      return false;
  }
}
