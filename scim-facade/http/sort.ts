import { invalidValue, ScimError } from '../errors';
import { parsePatchPath } from '../patch/parse-patch-path';
import { resolveAttributePath } from '../schema/resolve-attribute-path';
import type { GroupOrderField, UserOrderField } from '../graphql/operation-types';
import { resourceSchemas, type ResourceSchemas, type ScimResourceType } from '../schema/scim-schemas';
import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_EVERCATE_USER_SCHEMA } from '../schema/urns';

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
    [`${SCIM_EVERCATE_USER_SCHEMA}:startDate`.toLowerCase()]: 'START_DATE',
    [`${SCIM_EVERCATE_USER_SCHEMA}:leaveDate`.toLowerCase()]: 'LEAVE_DATE',
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
  resourceType: R | (ResourceSchemas & { type: R }),
  sortBy: string | undefined,
  descending: boolean,
): {
  field: OrderField[R];
  direction: 'ASC' | 'DESC';
  extensionAttribute?: { schema: string; name: string };
} {
  const resource = resourceSchemas(resourceType);
  const type = resource.type as R;
  const direction = descending ? 'DESC' : 'ASC';
  if (sortBy === undefined) return { field: 'CREATED_AT' as OrderField[R], direction };
  let resolved: ReturnType<typeof resolveAttributePath>;
  try {
    const syntax = parsePatchPath(sortBy);
    if (!syntax.filter) resolved = resolveAttributePath(resource, syntax.path);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
  }
  const fields: Record<string, OrderField[R]> = ORDER_FIELDS[type];
  const field = resolved === undefined ? undefined : fields[resolved.canonicalPath.toLowerCase()];
  if (field) return { field, direction };
  // An attribute the tenant declared (one schema of the request's beyond the built-in ones).
  if (resolved && type === 'User' && resource.schemas.indexOf(resolved.schema) >= USER_BUILT_IN_SCHEMAS) {
    return {
      field: 'EXTENSION_ATTRIBUTE' as OrderField[R],
      direction,
      extensionAttribute: { schema: resolved.schema.id, name: resolved.attribute.name },
    };
  }
  const supported = Object.keys(ORDER_FIELDS[type]).join(', ');
  throw invalidValue(
    `Cannot sort ${type}s by "${sortBy}". Sortable attributes: ${supported}${type === 'User' ? ', and declared extension attributes' : ''}.`,
  );
}

/** The built-in User schemas (core, enterprise, Evercate) come before a tenant's own. */
const USER_BUILT_IN_SCHEMAS = resourceSchemas('User').schemas.length;
