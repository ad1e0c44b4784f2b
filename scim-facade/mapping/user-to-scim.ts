import type { ScimUserFragment } from '../graphql/operation-types';
import type { ScimUser } from '../resources/scim-user';
import { SCIM_USER_SCHEMA } from '../schema/urns';
import { etagOf, withoutEmpty, type ScimLocation } from './scim-meta';
import { extensionAttribute, locate, USER_ATTRIBUTES, type UserAttribute } from '../schema/user-attributes';

/**
 * The SCIM User. Values are returned as they were written (Entra compares them each cycle);
 * unassigned attributes are left out; the manager is always the complex `{value, $ref, displayName}`
 * Entra's deserializer expects.
 */
export function userToScim(user: ScimUserFragment, location: ScimLocation): ScimUser {
  const resource: Record<string, unknown> = { schemas: [SCIM_USER_SCHEMA], id: user.id };
  const extensions = new Set<string>();
  // The user's own extension values say which declared attributes it has; no declaration is read.
  const declared = user.extensionAttributes.map((value) => extensionAttribute(value.schema, value.name, 'string'));
  for (const attribute of [...USER_ATTRIBUTES, ...declared]) {
    const { extension, keys } = locate(attribute.scim);
    const container = extension ? ((resource[extension] ??= {}) as Record<string, unknown>) : resource;
    setPath(container, keys, scimValue(attribute, user, location));
    if (extension) extensions.add(extension);
  }
  resource.meta = {
    resourceType: 'User',
    created: user.createdAt,
    lastModified: user.updatedAt,
    location: `${location.baseUrl}/Users/${user.id}`,
    version: etagOf(user.version),
  };
  const scim = withoutEmpty(resource);
  // An extension is announced in schemas only when the user has a value in it.
  scim.schemas = [SCIM_USER_SCHEMA, ...[...extensions].filter((urn) => urn in scim)];
  return scim;
}

function scimValue(attribute: UserAttribute, user: ScimUserFragment, location: ScimLocation): unknown {
  switch (attribute.kind) {
    case 'multiValued':
      return (user[attribute.field] as Array<Record<string, unknown>>).map(withoutNulls);
    case 'manager':
      // A pending reference reads back as it was sent, so the client sees nothing to correct;
      // it is never shown as a user it is not.
      if (user.pendingManagerReference !== null) return { value: user.pendingManagerReference };
      return (
        user.manager && {
          value: user.manager.id,
          $ref: `${location.baseUrl}/Users/${user.manager.id}`,
          displayName: user.manager.displayName,
        }
      );
    case 'extension':
      return user.extensionAttributes.find(
        (value) => value.schema === attribute.schema && value.name === attribute.name,
      )?.value;
    default:
      return (user as unknown as Record<string, unknown>)[attribute.field];
  }
}

function setPath(container: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let parent = container;
  for (let index = 0; index < keys.length - 1; index++) {
    parent = (parent[keys[index]!] ??= {}) as Record<string, unknown>;
  }
  parent[keys[keys.length - 1]!] = value;
}

function withoutNulls<T extends object>(item: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (value !== null && value !== undefined) result[key] = value;
  return result as T;
}
