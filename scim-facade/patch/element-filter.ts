import { invalidPath } from '../errors';
import type { CompareOperator, Filter } from '../filter/filter-ast';
import { findSubAttribute } from '../schema/resolve-attribute-path';
import type { ScimAttribute } from '../schema/scim-schemas';
import type { ScimObject } from './coerce-value';

/**
 * The value filter of a PATCH path (`emails[type eq "work"]`) with canonical sub-attribute names,
 * checked against the sub-attributes' types, so applying it cannot fail later.
 */
export function canonicalElementFilter(filter: Filter, attribute: ScimAttribute, pathText: string): Filter {
  const fail = (message: string) => invalidPath(`Invalid path ${JSON.stringify(pathText)}: ${message}.`);
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        filters: filter.filters.map((part) => canonicalElementFilter(part, attribute, pathText)),
      };
    case 'not':
      return { kind: 'not', filter: canonicalElementFilter(filter.filter, attribute, pathText) };
    case 'valuePath':
      throw fail('a filter inside [ ] cannot contain another [ ]');
  }
  const sub = findSubAttribute(attribute, filter.path.attribute);
  if (!sub) throw fail(`"${filter.path.attribute}" is not a sub-attribute of ${attribute.name}`);
  const path = { attribute: sub.name };
  if (filter.kind === 'present') return { kind: 'present', path };
  if (sub.type === 'boolean' && filter.value !== null) {
    const value = booleanLiteral(filter.value);
    if (value === undefined || (filter.operator !== 'eq' && filter.operator !== 'ne')) {
      throw fail(`${attribute.name}.${sub.name} is true or false; compare it with eq or ne and true or false`);
    }
    return { kind: 'compare', path, operator: filter.operator, value };
  }
  const value =
    typeof filter.value === 'string' || filter.value === null ? filter.value : (filter.raw ?? String(filter.value));
  return { kind: 'compare', path, operator: filter.operator, value };
}

/** Whether one element of `attribute` satisfies a filter made by canonicalElementFilter. */
export function matchesElement(element: ScimObject, filter: Filter, attribute: ScimAttribute): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.filters.every((part) => matchesElement(element, part, attribute));
    case 'or':
      return filter.filters.some((part) => matchesElement(element, part, attribute));
    case 'not':
      return !matchesElement(element, filter.filter, attribute);
    case 'valuePath':
      return false;
    case 'present':
      return hasValue(element[filter.path.attribute]);
  }
  const sub = findSubAttribute(attribute, filter.path.attribute);
  const actual = sub ? element[sub.name] : undefined;
  if (filter.value === null) {
    if (filter.operator === 'eq') return !hasValue(actual);
    return filter.operator === 'ne' && hasValue(actual);
  }
  if (typeof filter.value === 'boolean') {
    // An element without `primary` is not the primary one.
    const equal = (booleanLiteral(actual) ?? false) === filter.value;
    return filter.operator === 'eq' ? equal : !equal;
  }
  if (!hasValue(actual)) return filter.operator === 'ne';
  const exact = sub?.caseExact === true;
  return compareText(
    exact ? String(actual) : String(actual).toLowerCase(),
    filter.operator,
    exact ? String(filter.value) : String(filter.value).toLowerCase(),
  );
}

/**
 * The element a filter describes when none exists yet (Q-09/R-35: Entra replaces
 * `emails[type eq "work"].value` on users without a work email and expects one to be created).
 * Only "eq" conditions joined by "and" say what the element is; otherwise undefined.
 */
export function elementTemplate(filter: Filter): ScimObject | undefined {
  if (filter.kind === 'and') {
    const template: ScimObject = {};
    for (const part of filter.filters) {
      const partTemplate = elementTemplate(part);
      if (!partTemplate) return undefined;
      Object.assign(template, partTemplate);
    }
    return template;
  }
  if (filter.kind === 'compare' && filter.operator === 'eq' && filter.value !== null) {
    return { [filter.path.attribute]: filter.value };
  }
  return undefined;
}

export function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function booleanLiteral(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function compareText(actual: string, operator: CompareOperator, expected: string): boolean {
  switch (operator) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'co':
      return actual.includes(expected);
    case 'sw':
      return actual.startsWith(expected);
    case 'ew':
      return actual.endsWith(expected);
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
  }
}
