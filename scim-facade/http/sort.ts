import { invalidValue, ScimError } from '../errors';
import { parsePatchPath } from '../patch/parse-patch-path';
import { resolveAttributePath } from '../schema/resolve-attribute-path';
import type { GroupOrderField, UserOrderField } from '../graphql/operation-types';
import type { ScimResourceType } from '../schema/scim-schemas';
import { SCIM_ENTERPRISE_USER_SCHEMA } from '../schema/urns';

type OrderField = { User: UserOrderField; Group: GroupOrderField };

/** SCIM sortBy attributes and the GraphQL orderings (each index-backed) they become. */
const ORDER_FIELDS: { [R in ScimResourceType]: Record<string, OrderField[R]> } = {
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
export function orderFor<R extends ScimResourceType>(
  resourceType: R,
  sortBy: string | undefined,
  descending: boolean,
): { field: OrderField[R]; direction: 'ASC' | 'DESC' } {
  const direction = descending ? 'DESC' : 'ASC';
  if (sortBy === undefined) return { field: 'CREATED_AT' as OrderField[R], direction };
  let canonical: string | undefined;
  try {
    const syntax = parsePatchPath(sortBy);
    if (!syntax.filter) canonical = resolveAttributePath(resourceType, syntax.path)?.canonicalPath;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
  }
  const fields: Record<string, OrderField[R]> = ORDER_FIELDS[resourceType];
  const field = canonical === undefined ? undefined : fields[canonical.toLowerCase()];
  if (!field) {
    const supported = Object.keys(ORDER_FIELDS[resourceType]).join(', ');
    throw invalidValue(`Cannot sort ${resourceType}s by "${sortBy}". Sortable attributes: ${supported}.`);
  }
  return { field, direction };
}
