import { ScimError } from '../errors';
import type { ScimLocation } from '../mapping/scim-meta';
import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_GROUP_SCHEMA, SCIM_USER_SCHEMA } from '../schema/urns';
import { scimSchemas } from '../schema/scim-schemas';
import { listResponse } from '../http/list-response';
import type { ScimResponse } from '../http/scim-exchange';

/**
 * Discovery (RFC 7644 §4): what this service supports. Open without a token: it holds no tenant
 * data, and validators read it before configuring one.
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
    schemaExtensions: [{ schema: SCIM_ENTERPRISE_USER_SCHEMA, required: false }],
  },
  Group: {
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A group of users and groups.',
    schema: SCIM_GROUP_SCHEMA,
  },
} as const;

function resourceType(type: keyof typeof RESOURCE_TYPES, location: ScimLocation) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    ...RESOURCE_TYPES[type],
    meta: { resourceType: 'ResourceType', location: `${location.baseUrl}/ResourceTypes/${type}` },
  };
}

export function resourceTypes(location: ScimLocation, id?: string): ScimResponse {
  if (id !== undefined) {
    const type = (Object.keys(RESOURCE_TYPES) as Array<keyof typeof RESOURCE_TYPES>).find(
      (name) => name.toLowerCase() === id.toLowerCase(),
    );
    if (!type) throw new ScimError(404, `There is no resource type "${id}"; there are User and Group.`);
    return { status: 200, body: resourceType(type, location) };
  }
  const all = [resourceType('User', location), resourceType('Group', location)];
  return { status: 200, body: listResponse(all) };
}

export function schemas(location: ScimLocation, id?: string): ScimResponse {
  const located = scimSchemas.map((schema) => ({
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
