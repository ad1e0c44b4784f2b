import { isDeepStrictEqual } from 'node:util';
import { noTarget } from '../errors';
import type { Filter } from '../filter/filter-ast';
import { type ScimUser } from '../resources/scim-user';
import { SCIM_ENTERPRISE_USER_SCHEMA } from '../schema/urns';
import type { ResolvedAttributePath } from '../schema/resolve-attribute-path';
import { isObject, type ScimObject } from './coerce-value';
import { elementTemplate, hasValue, matchesElement } from './element-filter';
import type { PatchOperation } from './patch-operation';

const managerPath = `${SCIM_ENTERPRISE_USER_SCHEMA}:manager`;

/**
 * Applies operations from parsePatchRequest(body, 'User') in order, per RFC 7644 §3.5.2 and
 * Entra's habits, and returns the new user; the input is not changed. Cleared attributes become
 * null. The caller turns the difference into one GraphQL update.
 */
export function applyUserPatch(user: ScimUser, operations: readonly PatchOperation[]): ScimUser {
  const result = structuredClone(user) as ScimObject;
  for (const operation of operations) applyOperation(result, operation);
  return result as ScimUser;
}

function applyOperation(resource: ScimObject, operation: PatchOperation): void {
  const { attribute: resolved, filter } = operation.path;
  const container = containerOf(resource, resolved, operation.op !== 'remove');
  if (!container) return;
  const name = resolved.attribute.name;
  const value = operation.op === 'remove' ? null : operation.value;
  if (filter) {
    container[name] = applyToElements(listOf(container[name]), operation, filter);
  } else if (resolved.attribute.multiValued) {
    container[name] = applyToList(listOf(container[name]), operation);
  } else if (resolved.subAttribute) {
    container[name] = compact({ ...objectOf(container[name]), [resolved.subAttribute.name]: value });
  } else if (resolved.attribute.type === 'complex') {
    // RFC 7644 §3.5.2.3: sub-attributes not in the value are left unchanged.
    container[name] = value === null ? null : compact({ ...objectOf(container[name]), ...(value as ScimObject) });
  } else {
    container[name] = value ?? null;
  }
  if (resolved.canonicalAttribute === managerPath) container[name] = managerReference(container[name]);
}

/**
 * Q-06/P-06: however Entra wrote the manager (bare id, {value}, [{$ref, value}]), it reads it back
 * as `{value}` only; $ref and displayName are the server's to derive. An empty id means no manager.
 */
function managerReference(manager: unknown): ScimObject | null {
  return isObject(manager) && typeof manager.value === 'string' && manager.value !== ''
    ? { value: manager.value }
    : null;
}

/** Core attributes live on the resource, extension attributes under their schema URN. */
function containerOf(resource: ScimObject, resolved: ResolvedAttributePath, create: boolean): ScimObject | undefined {
  if (!resolved.isExtension) return resource;
  const existing = resource[resolved.schema.id];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const extension: ScimObject = {};
  resource[resolved.schema.id] = extension;
  return extension;
}

/** add appends what is not there yet, replace swaps the list, remove drops listed elements or all. */
function applyToList(list: ScimObject[], operation: PatchOperation): ScimObject[] | null {
  const { attribute } = operation.path.attribute;
  const value = operation.value as ScimObject[] | null | undefined;
  switch (operation.op) {
    case 'replace':
      return value ?? null;
    case 'remove': {
      // parsePatchRequest gives a remove a value only when it lists elements (possibly none).
      if (value === undefined) return null;
      const listed = value ?? [];
      return list.filter((element) => !listed.some((item) => matchesElement(element, describing(item), attribute)));
    }
    case 'add': {
      const added = (value ?? []).filter(
        (element) => !list.some((existing) => isDeepStrictEqual(compact(existing), element)),
      );
      return withSinglePrimary([...list, ...added], added);
    }
  }
}

/** The filter "every listed sub-attribute equals", so removal compares as the schema says (case). */
function describing(listed: ScimObject): Filter {
  return {
    kind: 'and',
    filters: Object.entries(listed).map(([key, value]) => ({
      kind: 'compare',
      path: { attribute: key },
      operator: 'eq',
      value: value as string | boolean,
    })),
  };
}

/**
 * `emails[type eq "work"]…`: remove drops or clears the matching elements; add and replace
 * (Entra uses either, Q-05) update them, or create the element the filter describes when none
 * matches. A list of values for a filtered sub-attribute makes the matching
 * elements exactly those values.
 */
function applyToElements(list: ScimObject[], operation: PatchOperation, filter: Filter): ScimObject[] {
  const { attribute, subAttribute } = operation.path.attribute;
  const matched = new Set(list.filter((element) => matchesElement(element, filter, attribute)));
  const value = operation.op === 'remove' ? null : operation.value;
  const values = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const written: ScimObject[] = [];
  /** The element as it will be stored, or nothing when it no longer holds data. */
  const write = (element: ScimObject): ScimObject[] => {
    const kept = compact(element);
    if (!kept || !carriesData(kept)) return [];
    written.push(kept);
    return [kept];
  };
  const create = (fields: ScimObject) => {
    const template = elementTemplate(filter);
    if (!template) {
      throw noTarget(
        `No ${attribute.name} element matches "${operation.path.text}" and its filter does not say how to create one (use "eq" conditions joined by "and").`,
      );
    }
    return write({ ...template, ...fields });
  };

  let result: ScimObject[];
  if (values.length === 0) {
    const sub = subAttribute?.name;
    result = list.flatMap((element) =>
      !matched.has(element) ? [element] : sub === undefined ? [] : write({ ...element, [sub]: null }),
    );
  } else if (!subAttribute) {
    const fields = values[0] as ScimObject;
    result = list.flatMap((element) => (matched.has(element) ? write({ ...element, ...fields }) : [element]));
    if (matched.size === 0) result.push(...create(fields));
  } else if (values.length === 1) {
    const fields = { [subAttribute.name]: values[0] };
    result = list.flatMap((element) => (matched.has(element) ? write({ ...element, ...fields }) : [element]));
    if (matched.size === 0) result.push(...create(fields));
  } else {
    const pending = [...values];
    result = list.flatMap((element) => {
      if (!matched.has(element)) return [element];
      return pending.length === 0 ? [] : write({ ...element, [subAttribute.name]: pending.shift() });
    });
    for (const item of pending) result.push(...create({ [subAttribute.name]: item }));
  }
  const setsPrimary = subAttribute
    ? subAttribute.name === 'primary' && values.includes(true)
    : values.some((fields) => (fields as ScimObject).primary === true);
  return setsPrimary ? withSinglePrimary(result, written) : result;
}

/**
 * RFC 7644 §3.5.2: a PATCH that makes a value primary makes the others not primary.
 * `written` are the elements the operation wrote.
 */
function withSinglePrimary(list: ScimObject[], written: ScimObject[]): ScimObject[] {
  if (!written.some((element) => element.primary === true)) return list;
  return list.map((element) =>
    element.primary === true && !written.includes(element) ? { ...element, primary: false } : element,
  );
}

/** An element is worth keeping when it holds more than labels (type, primary, display). */
function carriesData(element: ScimObject): boolean {
  return Object.entries(element).some(
    ([key, value]) => key !== 'type' && key !== 'primary' && key !== 'display' && hasValue(value),
  );
}

/** Drops empty sub-attributes; an object left with nothing is null. */
function compact(object: ScimObject): ScimObject | null {
  const kept = Object.fromEntries(Object.entries(object).filter(([, value]) => hasValue(value)));
  return Object.keys(kept).length === 0 ? null : kept;
}

function listOf(value: unknown): ScimObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function objectOf(value: unknown): ScimObject {
  return isObject(value) ? value : {};
}
