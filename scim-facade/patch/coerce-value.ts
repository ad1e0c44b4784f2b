import { invalidValue } from '../errors';
import { findSubAttribute } from '../schema/resolve-attribute-path';
import type { ScimAttribute } from '../schema/scim-schemas';

export type ScimObject = Record<string, unknown>;

export function isObject(value: unknown): value is ScimObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of a key whose name matches ignoring case (P-14: Entra and its validator vary it). */
export function fieldIgnoringCase(object: ScimObject, name: string): unknown {
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/**
 * Coerces a value sent for `attribute` to the shape the attribute holds, tolerating what Entra is
 * known to send. `where` names the operation in error messages.
 */
export function coerceValue(value: unknown, attribute: ScimAttribute, where: string): unknown {
  if (value === null || value === undefined) return null;
  if (attribute.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => coerceElement(item, attribute, where)).filter((item) => item !== null);
  }
  if (attribute.type === 'complex') return coerceComplex(single(value, attribute, where), attribute, where);
  return coerceSimple(value, attribute, where);
}

/**
 * One element of a multi-valued complex attribute, with canonical sub-attribute names. A bare
 * string stands for `{value: …}`; unknown sub-attributes are dropped, and so are nulls, so
 * an element is stored as sent. Returns null for an element with nothing in it.
 */
export function coerceElement(value: unknown, attribute: ScimAttribute, where: string): ScimObject | null {
  const element = coerceComplex(value, attribute, where);
  if (element === null) return null;
  for (const key of Object.keys(element)) if (element[key] === null) delete element[key];
  return Object.keys(element).length === 0 ? null : element;
}

/**
 * A single complex value (`name`, `manager`, or the element a filtered path selects), keeping nulls:
 * they clear sub-attributes when merged. A bare string stands for `{value: …}` (Q-06: Entra writes
 * the manager as a bare id).
 */
export function coerceComplex(value: unknown, attribute: ScimAttribute, where: string): ScimObject | null {
  if (value === null || value === '') return null;
  const valueSubAttribute = findSubAttribute(attribute, 'value');
  if (typeof value !== 'object' && valueSubAttribute) return { value: coerceSimple(value, valueSubAttribute, where) };
  if (!isObject(value)) throw invalidValue(`${where}: "${attribute.name}" takes an object, not ${describe(value)}.`);
  const coerced: ScimObject = {};
  for (const [key, item] of Object.entries(value)) {
    const subAttribute = findSubAttribute(attribute, key);
    if (subAttribute) coerced[subAttribute.name] = coerceSimple(item, subAttribute, where);
  }
  return coerced;
}

/**
 * A string or boolean. `""` clears (Q-15, like null). Booleans also arrive as "True"/"False"
 * (Q-02/P-02); a value wrapped as `[{"value": x}]` or `{"value": x}` stands for x (P-20).
 */
export function coerceSimple(
  value: unknown,
  attribute: ScimAttribute,
  where: string,
): string | boolean | number | null {
  let unwrapped = single(value, attribute, where);
  if (isObject(unwrapped)) {
    const inner = fieldIgnoringCase(unwrapped, 'value');
    if (inner === undefined) {
      throw invalidValue(`${where}: "${attribute.name}" takes a single value, not ${describe(unwrapped)}.`);
    }
    unwrapped = single(inner, attribute, where);
  }
  if (unwrapped === null || unwrapped === undefined || unwrapped === '') return null;
  if (attribute.type === 'boolean') {
    if (typeof unwrapped === 'boolean') return unwrapped;
    if (typeof unwrapped === 'string' && /^(true|false)$/i.test(unwrapped)) return unwrapped.toLowerCase() === 'true';
    throw invalidValue(`${where}: "${attribute.name}" is true or false, not ${describe(unwrapped)}.`);
  }
  if (attribute.type === 'integer' || attribute.type === 'decimal') return coerceNumber(unwrapped, attribute, where);
  if (attribute.type === 'dateTime') {
    if (typeof unwrapped === 'string' && DATE_TIME.test(unwrapped)) return unwrapped;
    throw invalidValue(
      `${where}: "${attribute.name}" is a date-time such as "2026-03-01T09:00:00Z", not ${describe(unwrapped)}.`,
    );
  }
  if (typeof unwrapped === 'string') return unwrapped;
  if (typeof unwrapped === 'number' || typeof unwrapped === 'boolean') return String(unwrapped);
  throw invalidValue(`${where}: "${attribute.name}" takes a string, not ${describe(unwrapped)}.`);
}

/** ISO 8601 / xsd:dateTime as clients write it; the core checks the calendar and keeps the text as sent. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$/;

/** A number, or numeric text as Entra sends expression results ("42"). */
function coerceNumber(value: unknown, attribute: ScimAttribute, where: string): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  const whole = attribute.type === 'integer';
  if (!Number.isFinite(number) || (whole && !Number.isSafeInteger(number))) {
    throw invalidValue(
      `${where}: "${attribute.name}" is ${whole ? 'a whole number' : 'a number'}, not ${describe(value)}.`,
    );
  }
  return number;
}

/** P-20: a list of one stands for its element where one value is expected; an empty list clears. */
function single(value: unknown, attribute: ScimAttribute, where: string): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length <= 1) return value[0] ?? null;
  throw invalidValue(`${where}: "${attribute.name}" takes one value, not a list of ${value.length}.`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}
