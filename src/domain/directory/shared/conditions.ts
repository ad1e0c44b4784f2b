import { and, FALSE, fragment, likeEscape, not, or, type Fragment } from '../../../platform/db/sql-fragment';
import { InvalidInputError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';

/**
 * Typed conditions on single values, shared by every filter. The GraphQL filter inputs implement
 * these interfaces; compiling them here keeps SQL out of the GraphQL layer. Several operators in
 * one condition must all hold.
 */
export interface StringCondition {
  eq?: string | null;
  ne?: string | null;
  in?: string[] | null;
  startsWith?: string | null;
  endsWith?: string | null;
  contains?: string | null;
  gt?: string | null;
  gte?: string | null;
  lt?: string | null;
  lte?: string | null;
  present?: boolean | null;
  caseSensitive?: boolean | null;
}

export interface IdCondition {
  eq?: string | null;
  ne?: string | null;
  in?: string[] | null;
  present?: boolean | null;
}

export interface DateTimeCondition {
  eq?: Date | null;
  gt?: Date | null;
  gte?: Date | null;
  lt?: Date | null;
  lte?: Date | null;
  /** Has a value (true) or none (false). */
  present?: boolean | null;
}

/**
 * A string column and the expression its index is built on. Case-insensitive comparisons use the
 * expression (so the index serves them); case-sensitive ones add a check on the raw column.
 */
export interface StringColumn {
  column: string;
  key: string;
}

export function stringColumn(column: string, options: { nullable: boolean }): StringColumn {
  return { column, key: options.nullable ? `coalesce(lower(${column}), '')` : `lower(${column})` };
}

export function compileStringCondition(target: StringColumn, condition: StringCondition): Fragment {
  // No stored text contains U+0000 (PostgreSQL cannot hold it): a value with one equals nothing,
  // so `ne` of it always holds, and any other comparison with it fails.
  if (hasNul(condition.ne)) return compileStringCondition(target, { ...condition, ne: null });
  if (condition.in?.some(hasNul))
    return compileStringCondition(target, { ...condition, in: condition.in.filter((v) => !hasNul(v)) });
  if (Object.values(condition).some(hasNul)) return FALSE;
  const { column, key } = target;
  const exact = condition.caseSensitive === true;
  const parts: Fragment[] = [];
  const equals = (value: string) =>
    exact
      ? and([fragment(`${key} = lower(?)`, value), fragment(`${column} = ?`, value)])
      : fragment(`${key} = lower(?)`, value);
  const like = (pattern: (escaped: string) => string, value: string) => {
    const escaped = likeEscape(value);
    const insensitive = fragment(`${key} like lower(?)`, pattern(escaped));
    return exact ? and([insensitive, fragment(`${column} like ?`, pattern(escaped))]) : insensitive;
  };
  const compare = (operator: string, value: string) =>
    exact ? fragment(`${column} ${operator} ?`, value) : fragment(`${key} ${operator} lower(?)`, value);

  if (condition.eq != null) parts.push(equals(condition.eq));
  if (condition.ne != null) parts.push(not(equals(condition.ne)));
  if (condition.in != null) {
    parts.push(
      condition.in.length === 0
        ? fragment('false')
        : {
            text: condition.in.map(() => `${key} = lower(?)`).join(' or '),
            params: condition.in,
          },
    );
  }
  if (condition.startsWith != null) parts.push(like((v) => `${v}%`, condition.startsWith));
  if (condition.endsWith != null) parts.push(like((v) => `%${v}`, condition.endsWith));
  if (condition.contains != null) parts.push(like((v) => `%${v}%`, condition.contains));
  if (condition.gt != null) parts.push(compare('>', condition.gt));
  if (condition.gte != null) parts.push(compare('>=', condition.gte));
  if (condition.lt != null) parts.push(compare('<', condition.lt));
  if (condition.lte != null) parts.push(compare('<=', condition.lte));
  if (condition.present != null) {
    const present = fragment(`${column} is not null and ${column} <> ''`);
    parts.push(condition.present ? present : not(present));
  }
  return and(parts);
}

/** Ids are UUIDs: a condition on anything else matches nothing (eq, in) or everything (ne). */
export function compileIdCondition(column: string, condition: IdCondition): Fragment {
  const parts: Fragment[] = [];
  if (condition.eq != null) parts.push(isUuid(condition.eq) ? fragment(`${column} = ?::uuid`, condition.eq) : FALSE);
  if (condition.ne != null && isUuid(condition.ne))
    parts.push(fragment(`${column} is distinct from ?::uuid`, condition.ne));
  if (condition.in != null) {
    const ids = condition.in.filter(isUuid);
    parts.push(ids.length === 0 ? FALSE : fragment(`${column} = any(?::uuid[])`, ids));
  }
  if (condition.present != null)
    parts.push(fragment(condition.present ? `${column} is not null` : `${column} is null`));
  return and(parts);
}

/**
 * The years PostgreSQL's timestamptz and an ISO-8601 text both hold (there is no year 0, and
 * PostgreSQL refuses it); an instant outside them can be compared with nothing.
 */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/**
 * `absent` is the SQL of "has no value": `column is null` by default; for the stored instants of
 * optional dates, `column = '-infinity'`.
 */
export function compileDateTimeCondition(
  column: string,
  condition: DateTimeCondition,
  absent = `${column} is null`,
): Fragment {
  const parts: Fragment[] = [];
  for (const [name, value] of Object.entries(condition)) {
    if (name === 'present' || value == null) continue;
    const year = value instanceof Date ? value.getUTCFullYear() : NaN;
    if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
      throw new InvalidInputError(
        `Dates in filters must lie between the years ${FIRST_YEAR} and ${LAST_YEAR}; ${JSON.stringify(value)} does not.`,
      );
    }
  }
  if (condition.present != null) parts.push(condition.present ? not(fragment(absent)) : fragment(absent));
  const operators: Array<[Exclude<keyof DateTimeCondition, 'present'>, string]> = [
    ['eq', '='],
    ['gt', '>'],
    ['gte', '>='],
    ['lt', '<'],
    ['lte', '<='],
  ];
  for (const [name, operator] of operators) {
    const value = condition[name];
    if (value != null) parts.push(fragment(`${column} ${operator} ?::timestamptz`, value.toISOString()));
  }
  return and(parts);
}

/** Combines the and/or/not of a filter with its field conditions. */
export function compileBooleanTree<F extends { and?: F[] | null; or?: F[] | null; not?: F | null }>(
  filter: F,
  fieldConditions: (filter: F) => Fragment[],
  recurse: (filter: F) => Fragment,
): Fragment {
  const parts = fieldConditions(filter);
  if (filter.and) parts.push(and(filter.and.map(recurse)));
  if (filter.or) parts.push(or(filter.or.map(recurse)));
  if (filter.not) parts.push(not(recurse(filter.not)));
  return and(parts);
}

function hasNul(value: unknown): boolean {
  return typeof value === 'string' && value.includes('\u0000');
}
