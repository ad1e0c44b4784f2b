import { invalidValue } from '../errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 100;

export interface ListQuery {
  filter?: string;
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
  sortBy?: string;
  descending: boolean;
  attributes?: string[];
  excludedAttributes?: string[];
}

/** Query parameters as Koa parses them; names are matched ignoring case, unknown ones ignored. */
export type QueryParameters = Record<string, string | string[] | undefined>;

export function queryParameter(query: QueryParameters, name: string): string | undefined {
  const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : query[key];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function attributeList(query: QueryParameters, name: 'attributes' | 'excludedAttributes'): string[] | undefined {
  const value = queryParameter(query, name);
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** RFC 7644 §3.4.2: startIndex below 1 means 1; count below 0 means 0; above the maximum, the maximum. */
export function parseListQuery(query: QueryParameters): ListQuery {
  const startIndex = integerParameter(query, 'startIndex') ?? 1;
  const count = integerParameter(query, 'count') ?? DEFAULT_PAGE_SIZE;
  const sortOrder = queryParameter(query, 'sortOrder')?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw invalidValue(`sortOrder must be "ascending" or "descending", not "${sortOrder}".`);
  }
  const filter = queryParameter(query, 'filter');
  return {
    filter: filter === undefined || filter.trim() === '' ? undefined : filter,
    startIndex: Math.max(1, startIndex),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count)),
    sortBy: queryParameter(query, 'sortBy') || undefined,
    descending: sortOrder === 'descending',
    attributes: attributeList(query, 'attributes'),
    excludedAttributes: attributeList(query, 'excludedAttributes'),
  };
}

function integerParameter(query: QueryParameters, name: string): number | undefined {
  const value = queryParameter(query, name);
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw invalidValue(`${name} must be a whole number, not "${value}".`);
  return Number(value);
}
