import { invalidValue, ScimError } from '../errors';
import { parsePatchPath } from '../patch/parse-patch-path';
import { resolveAttributePath } from '../schema/resolve-attribute-path';
import type { ScimResourceType } from '../schema/scim-schemas';
import { SCIM_ENTERPRISE_USER_SCHEMA } from '../schema/urns';

/** SCIM sortBy attributes and the GraphQL orderings (each index-backed) they become. */
const ORDER_FIELDS: Record<ScimResourceType, Record<string, string>> = {
  User: {
    id: 'ID',
    username: 'USER_NAME',
    displayname: 'DISPLAY_NAME',
    'name.givenname': 'GIVEN_NAME',
    'name.familyname': 'FAMILY_NAME',
    [`${SCIM_ENTERPRISE_USER_SCHEMA}:employeenumber`.toLowerCase()]: 'EMPLOYEE_NUMBER',
    'meta.created': 'CREATED_AT',
    'meta.lastmodified': 'UPDATED_AT',
  },
  Group: { id: 'ID', displayname: 'DISPLAY_NAME', 'meta.created': 'CREATED_AT', 'meta.lastmodified': 'UPDATED_AT' },
};

/**
 * The GraphQL orderBy for SCIM's sortBy/sortOrder. Without sortBy, resources come in creation
 * order, which keeps startIndex paging stable.
 */
export function orderFor(
  resourceType: ScimResourceType,
  sortBy: string | undefined,
  descending: boolean,
): { field: string; direction: 'ASC' | 'DESC' } {
  const direction = descending ? 'DESC' : 'ASC';
  if (sortBy === undefined) return { field: 'CREATED_AT', direction };
  let canonical: string | undefined;
  try {
    const syntax = parsePatchPath(sortBy);
    if (!syntax.filter) canonical = resolveAttributePath(resourceType, syntax.path)?.canonicalPath;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
  }
  const field = canonical === undefined ? undefined : ORDER_FIELDS[resourceType][canonical.toLowerCase()];
  if (!field) {
    const supported = Object.keys(ORDER_FIELDS[resourceType]).join(', ');
    throw invalidValue(`Cannot sort ${resourceType}s by "${sortBy}". Sortable attributes: ${supported}.`);
  }
  return { field, direction };
}
