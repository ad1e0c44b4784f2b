import { isDeepStrictEqual } from 'node:util';
import type { ExtensionAttributeValueInput, UserCreateInput } from '../graphql/operation-types';
import type { ScimElement, ScimUser } from '../resources/scim-user';
import { ELEMENT_FIELDS, locate, USER_ATTRIBUTES, type UserAttribute } from '../schema/user-attributes';

/** The attributes of GraphQL's UserCreateInput / UserUpdateInput, as the facade writes them. */
export type UserAttributesInput = Omit<UserCreateInput, 'userName'> & {
  userName?: string | null;
  /** In an update: clear the extension values not listed (a PUT). */
  replaceExtensionAttributes?: boolean | null;
};

/**
 * Every attribute of a SCIM user as GraphQL input; what the resource lacks is null (or []). The
 * extension attributes are those of `attributes` (the request's schemas), each with its value
 * or null.
 */
export function scimUserToAttributes(
  user: ScimUser,
  attributes: readonly UserAttribute[] = USER_ATTRIBUTES,
): UserAttributesInput {
  const input: Record<string, unknown> = {};
  const extensionAttributes: ExtensionAttributeValueInput[] = [];
  for (const attribute of attributes) {
    const value = valueAt(user, attribute.scim);
    if (attribute.kind === 'extension') {
      extensionAttributes.push({ schema: attribute.schema, name: attribute.name, value: value ?? null });
      continue;
    }
    const [name, inputField] = inputValue(attribute, value);
    input[name] = inputField;
  }
  input.extensionAttributes = extensionAttributes;
  return input as UserAttributesInput;
}

/** Only the attributes that differ between two versions of a user: what a PATCH really changes. */
export function changedUserAttributes(
  before: ScimUser,
  after: ScimUser,
  attributes: readonly UserAttribute[] = USER_ATTRIBUTES,
): UserAttributesInput {
  const old = scimUserToAttributes(before, attributes) as Record<string, unknown>;
  const next = scimUserToAttributes(after, attributes) as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (key === 'extensionAttributes') continue;
    if (!isDeepStrictEqual(old[key], next[key])) changed[key] = next[key];
  }
  const oldValues = (old.extensionAttributes ?? []) as ExtensionAttributeValueInput[];
  const changedValues = ((next.extensionAttributes ?? []) as ExtensionAttributeValueInput[]).filter(
    (value, index) => !isDeepStrictEqual(oldValues[index]?.value ?? null, value.value ?? null),
  );
  if (changedValues.length > 0) changed.extensionAttributes = changedValues;
  return changed as UserAttributesInput;
}

function inputValue(attribute: Exclude<UserAttribute, { kind: 'extension' }>, value: unknown): [string, unknown] {
  switch (attribute.kind) {
    case 'text':
      return [attribute.input ?? attribute.field, text(value)];
    case 'boolean':
      return [attribute.field, value ?? true];
    case 'multiValued':
      return [attribute.field, elements(value, ELEMENT_FIELDS[attribute.field])];
    case 'manager': {
      // Our id, or another user's externalId or userName: the core resolves it, or keeps it pending.
      const reference = (value as { value?: unknown } | null | undefined)?.value;
      return ['managerReference', typeof reference === 'string' && reference !== '' ? reference : null];
    }
    case 'dateTime':
      return [attribute.field, text(value)];
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
