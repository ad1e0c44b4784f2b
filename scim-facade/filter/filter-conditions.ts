import { invalidFilter, type ScimError } from '../errors';
import type { ScimAttribute } from '../schema/scim-schemas';
import type { AttrPath } from '../schema/attribute-path';
import type { CompareOperator, Filter } from './filter-ast';
import type { DateTimeFilter, IdFilter, StringFilter } from '../graphql/operation-types';

/** A GraphQL filter input that combines with and/or/not. */
export interface BooleanTree<F> {
  and?: F[] | null;
  or?: F[] | null;
  not?: F | null;
}

/** A leaf of the filter tree that tests one attribute. */
export type Condition = Extract<Filter, { kind: 'compare' | 'present' }>;
export type Leaf = Extract<Filter, { kind: 'compare' | 'present' | 'valuePath' }>;
/** Turns a condition on one attribute into the GraphQL filter object F that expresses exactly it. */
export type ConditionRule<F> = (node: Condition, target: ScimAttribute) => F;

export function formatAttrPath(path: AttrPath): string {
  const name = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.uri === undefined ? name : `${path.uri}:${name}`;
}

export function unknownAttribute(path: AttrPath, resourceType: string): ScimError {
  return invalidFilter(`Invalid filter: "${formatAttrPath(path)}" is not an attribute of a ${resourceType}.`);
}

/** R-29/P-09: what cannot be translated exactly is refused, never dropped (that would widen the result). */
export function unsupportedAttribute(path: AttrPath): ScimError {
  return invalidFilter(`Invalid filter: filtering on "${formatAttrPath(path)}" is not supported.`);
}

export function unsupportedOperator(node: Condition, supported: string): ScimError {
  const operator = node.kind === 'present' ? 'pr' : node.operator;
  return invalidFilter(
    `Invalid filter: "${operator}" is not supported on "${formatAttrPath(node.path)}"; use ${supported}.`,
  );
}

/** Translates and/or/not and hands every leaf to `leaf`. */
export function translateTree<F extends BooleanTree<F>>(filter: Filter, leaf: (node: Leaf) => F): F {
  switch (filter.kind) {
    case 'and':
      return conjunction(filter.filters.map((part) => translateTree(part, leaf)));
    case 'or':
      return { or: filter.filters.map((part) => translateTree(part, leaf)) } as F;
    case 'not':
      return { not: translateTree(filter.filter, leaf) } as F;
    default:
      return leaf(filter);
  }
}

/**
 * All of `parts` must hold. Parts with keys no earlier part used merge into one object (an input
 * object's fields must all hold, so this is exact, and e.g. `type` and `value` of one email then sit
 * together where the SQL layer uses its index); parts whose keys collide go to `and`.
 */
export function conjunction<F extends BooleanTree<F>>(parts: F[]): F {
  const merged: Record<string, unknown> = {};
  const colliding: F[] = [];
  for (const part of parts) {
    if (Object.keys(part).some((key) => Object.hasOwn(merged, key))) colliding.push(part);
    else Object.assign(merged, part);
  }
  if (colliding.length > 0) merged.and = [...((merged.and as F[] | undefined) ?? []), ...colliding];
  return merged as F;
}

/** Each SCIM comparison operator's field in the core's filter inputs (StringFilter, and a declared attribute's condition). */
export const stringOperators: Readonly<Record<CompareOperator, keyof StringFilter>> = {
  eq: 'eq',
  ne: 'ne',
  co: 'contains',
  sw: 'startsWith',
  ew: 'endsWith',
  gt: 'gt',
  ge: 'gte',
  lt: 'lt',
  le: 'lte',
};

/** The compared value as text; an unquoted token counts as written. */
function literalText(node: Extract<Condition, { kind: 'compare' }>): string {
  return typeof node.value === 'string' ? node.value : (node.raw ?? String(node.value));
}

/** `x eq null` means x is absent and `x ne null` that it is present; other operators have no meaning. */
function nullComparison(node: Extract<Condition, { kind: 'compare' }>): { present: boolean } {
  if (node.operator === 'eq') return { present: false };
  if (node.operator === 'ne') return { present: true };
  throw invalidFilter(`Invalid filter: "${node.operator}" cannot compare "${formatAttrPath(node.path)}" with null.`);
}

export function stringCondition(node: Condition, target: ScimAttribute): StringFilter {
  if (node.kind === 'present') return { present: true };
  if (node.value === null) return nullComparison(node);
  const condition: StringFilter = { [stringOperators[node.operator]]: literalText(node) };
  if (target.caseExact) condition.caseSensitive = true;
  return condition;
}

export function idCondition(node: Condition): IdFilter {
  if (node.kind === 'present') return { present: true };
  if (node.operator !== 'eq' && node.operator !== 'ne') throw unsupportedOperator(node, 'eq, ne or pr');
  if (node.value === null) return nullComparison(node);
  return { [node.operator]: literalText(node) };
}

/** Booleans compare with true/false; Entra's string forms "True"/"False" count too. */
export function booleanValue(node: Extract<Condition, { kind: 'compare' }>): boolean {
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value === 'string' && /^(true|false)$/i.test(node.value)) return node.value.toLowerCase() === 'true';
  throw invalidFilter(
    `Invalid filter: "${formatAttrPath(node.path)}" is true or false and cannot be compared with ${JSON.stringify(node.value)}.`,
  );
}

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** RFC 7643 dateTime (xsd:dateTime); a time without a zone is taken as UTC. Returns ISO-8601 UTC. */
export function dateTimeValue(node: Extract<Condition, { kind: 'compare' }>): string {
  const text = literalText(node);
  const match = node.value === null ? null : isoDateTime.exec(text);
  const invalid = () =>
    invalidFilter(
      `Invalid filter: "${formatAttrPath(node.path)}" needs a date-time between the years 0001 and 9999, such as "2024-01-31T09:30:00Z", not ${JSON.stringify(node.value)}.`,
    );
  if (!match) throw invalid();
  const [, year, month, day, hour, , , zone] = match;
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendarDay.getUTCMonth() !== Number(month) - 1 || calendarDay.getUTCDate() !== Number(day)) throw invalid();
  let normalized = text.replace(' ', 'T');
  if (hour !== undefined && zone === undefined) normalized += 'Z';
  if (zone !== undefined && /^[+-]\d{4}$/.test(zone)) normalized = `${normalized.slice(0, -2)}:${zone.slice(-2)}`;
  const instant = new Date(normalized);
  // PostgreSQL has no year 0 and ends at 294276; ISO-8601 text and the GraphQL scalar at 9999.
  const utcYear = instant.getUTCFullYear();
  if (Number.isNaN(instant.getTime()) || utcYear < 1 || utcYear > 9999) throw invalid();
  return instant.toISOString();
}

/** `{ [key]: condition }` as a filter object of type F. */
function field<F>(key: string, condition: unknown): F {
  return { [key]: condition } as unknown as F;
}

export function stringField<F>(key: string): ConditionRule<F> {
  return (node, target) => field(key, stringCondition(node, target));
}

export function idField<F>(key: string): ConditionRule<F> {
  return (node) => field(key, idCondition(node));
}

/** `whenPresent`: the filter that holds for everything, for attributes that always have a value. */
export function booleanField<F extends BooleanTree<F>>(key: string, whenPresent?: F): ConditionRule<F> {
  return (node) => {
    if (node.kind === 'present' && whenPresent) return whenPresent;
    if (node.kind === 'present' || (node.operator !== 'eq' && node.operator !== 'ne')) {
      throw unsupportedOperator(node, whenPresent ? 'eq, ne or pr' : 'eq or ne');
    }
    const condition = field<F>(key, booleanValue(node));
    return node.operator === 'eq' ? condition : field<F>('not', condition);
  };
}

const dateTimeOperators: Partial<Record<CompareOperator, keyof DateTimeFilter>> = {
  eq: 'eq',
  gt: 'gt',
  ge: 'gte',
  lt: 'lt',
  le: 'lte',
};

/** For timestamps every resource has, so `pr` holds for all (`whenPresent`). */
export function dateTimeField<F extends BooleanTree<F>>(key: string, whenPresent: F): ConditionRule<F> {
  return (node) => {
    if (node.kind === 'present') return whenPresent;
    if (node.operator === 'ne') return field<F>('not', field(key, { eq: dateTimeValue(node) }));
    const operator = dateTimeOperators[node.operator];
    if (!operator) throw unsupportedOperator(node, 'eq, ne, gt, ge, lt, le or pr');
    return field<F>(key, { [operator]: dateTimeValue(node) });
  };
}

/** Table lookup that ignores inherited keys such as "constructor". */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
