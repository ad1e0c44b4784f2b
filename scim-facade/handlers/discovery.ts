import { ScimError } from '../errors';
import type { ScimLocation } from '../mapping/scim-meta';
import {
  SCIM_ENTERPRISE_USER_SCHEMA,
  SCIM_EVERCATE_USER_SCHEMA,
  SCIM_GROUP_SCHEMA,
  SCIM_USER_SCHEMA,
} from '../schema/urns';
import { builtInSchemas, type ScimSchema } from '../schema/scim-schemas';
import { listResponse } from '../http/list-response';
import type { ScimResponse } from '../http/scim-exchange';

/**
 * Discovery (RFC 7644 §4): what this service supports. Open without a token: validators read it
 * before configuring one. Without a token /Schemas and /ResourceTypes show the built-in schemas
 * only: a tenant's declared attributes are its own data, and without a token there is no tenant.
 * With a valid token they also show that tenant's extension schemas (what Entra's validator and
 * attribute editor read); a token that is not valid is a 401, not a quiet fallback.
 */
export function serviceProviderConfig(location: ScimLocation): ScimResponse {
  return {
    status: 200,
    body: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      documentationUri: `${location.baseUrl.replace(/\/scim(\/v2)?$/, '')}/graphql`,
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'Bearer token',
          description:
            'The secret token (scim_…) created in Evercate for this tenant, sent as Authorization: Bearer <token>.',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${location.baseUrl}/ServiceProviderConfig` },
    },
  };
}

const RESOURCE_TYPES = {
  User: {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A person in the directory.',
    schema: SCIM_USER_SCHEMA,
    schemaExtensions: [
      { schema: SCIM_ENTERPRISE_USER_SCHEMA, required: false },
      { schema: SCIM_EVERCATE_USER_SCHEMA, required: false },
    ],
  },
  Group: {
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A group of users and groups.',
    schema: SCIM_GROUP_SCHEMA,
  },
} as const;

function resourceType(type: keyof typeof RESOURCE_TYPES, location: ScimLocation, tenantSchemas: readonly ScimSchema[]) {
  const definition = RESOURCE_TYPES[type];
  const extensions =
    'schemaExtensions' in definition
      ? [...definition.schemaExtensions, ...tenantSchemas.map((schema) => ({ schema: schema.id, required: false }))]
      : undefined;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    ...definition,
    ...(extensions ? { schemaExtensions: extensions } : {}),
    meta: { resourceType: 'ResourceType', location: `${location.baseUrl}/ResourceTypes/${type}` },
  };
}

export function resourceTypes(
  location: ScimLocation,
  id?: string,
  tenantSchemas: readonly ScimSchema[] = [],
): ScimResponse {
  if (id !== undefined) {
    const type = (Object.keys(RESOURCE_TYPES) as Array<keyof typeof RESOURCE_TYPES>).find(
      (name) => name.toLowerCase() === id.toLowerCase(),
    );
    if (!type) throw new ScimError(404, `There is no resource type "${id}"; there are User and Group.`);
    return { status: 200, body: resourceType(type, location, tenantSchemas) };
  }
  const all = [resourceType('User', location, tenantSchemas), resourceType('Group', location, tenantSchemas)];
  return { status: 200, body: listResponse(all) };
}

export function schemas(location: ScimLocation, id?: string, tenantSchemas: readonly ScimSchema[] = []): ScimResponse {
  const located = [...builtInSchemas, ...tenantSchemas].map((schema) => ({
    ...schema,
    meta: { resourceType: 'Schema', location: `${location.baseUrl}/Schemas/${schema.id}` },
  }));
  if (id !== undefined) {
    const schema = located.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
    if (!schema) throw new ScimError(404, `There is no schema "${id}".`);
    return { status: 200, body: schema };
  }
  return { status: 200, body: listResponse(located) };
}
