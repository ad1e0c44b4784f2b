import { isDeepStrictEqual } from 'node:util';
import type { UserCreateInput } from '../graphql/operation-types';
import type { ScimElement, ScimUser } from '../resources/scim-user';
import { ELEMENT_FIELDS, locate, USER_ATTRIBUTES, type UserAttribute } from '../schema/user-attributes';

/** The attributes of GraphQL's UserCreateInput / UserUpdateInput, as the facade writes them. */
export type UserAttributesInput = Omit<UserCreateInput, 'userName'> & { userName?: string | null };

/** Every attribute of a SCIM user as GraphQL input; what the resource lacks is null (or []). */
export function scimUserToAttributes(user: ScimUser): UserAttributesInput {
  const input: Record<string, unknown> = {};
  for (const attribute of USER_ATTRIBUTES) {
    const [name, value] = inputValue(attribute, valueAt(user, attribute.scim));
    input[name] = value;
  }
  return input as UserAttributesInput;
}

/** Only the attributes that differ between two versions of a user: what a PATCH really changes. */
export function changedUserAttributes(before: ScimUser, after: ScimUser): UserAttributesInput {
  const old = scimUserToAttributes(before) as Record<string, unknown>;
  const next = scimUserToAttributes(after) as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (!isDeepStrictEqual(old[key], next[key])) changed[key] = next[key];
  }
  return changed as UserAttributesInput;
}

function inputValue(attribute: UserAttribute, value: unknown): [string, unknown] {
  switch (attribute.kind) {
    case 'text':
      return [attribute.input ?? attribute.field, text(value)];
    case 'boolean':
      return [attribute.field, value ?? true];
    case 'multiValued':
      return [attribute.field, elements(value, ELEMENT_FIELDS[attribute.field])];
    case 'manager': {
      const id = (value as { value?: unknown } | null | undefined)?.value;
      return ['managerId', typeof id === 'string' && id !== '' ? id : null];
    }
  }
}

/** The value at a canonical path of a resource (extension attributes under their URN). */
function valueAt(user: ScimUser, scim: string): unknown {
  const { extension, keys } = locate(scim);
  let value: unknown = extension ? user[extension] : user;
  for (const key of keys)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

/** Keeps the sub-attributes GraphQL knows, without nulls: an element is stored as sent. */
function elements(items: unknown, keys: readonly string[]): ScimElement[] {
  return ((items as ScimElement[] | null | undefined) ?? []).map((item) => {
    const picked: ScimElement = {};
    for (const key of keys) {
      const value = item[key];
      if (value === null || value === undefined) continue;
      picked[key] = key === 'primary' ? value === true || value === 'true' || value === 'True' : text(value);
    }
    return picked;
  });
}
