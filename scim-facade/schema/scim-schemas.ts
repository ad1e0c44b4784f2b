import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../../src/platform/repository-root';
import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_EVERCATE_USER_SCHEMA, SCIM_GROUP_SCHEMA, SCIM_USER_SCHEMA } from './urns';

/** An attribute definition as RFC 7643 §7 describes it. */
export interface ScimAttribute {
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
  multiValued: boolean;
  description: string;
  required: boolean;
  /** Absent for types where case does not apply (boolean, complex, dateTime); that reads as false. */
  caseExact?: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: ScimAttribute[];
  canonicalValues?: string[];
  referenceTypes?: string[];
}

/** A schema resource (RFC 7643 §7), served verbatim at /Schemas. */
export interface ScimSchema {
  schemas: string[];
  id: string;
  name: string;
  description: string;
  attributes: ScimAttribute[];
  meta: { resourceType: 'Schema'; location: string };
}

export type ScimResourceType = 'User' | 'Group';

/** The schema documents live in schema/scim at the repository root: one source for discovery and path resolution. */
function schemaDirectory(): string {
  return path.join(repositoryRoot(), 'schema', 'scim');
}

function loadSchema(fileName: string, expectedId: string): ScimSchema {
  const document = JSON.parse(readFileSync(path.join(schemaDirectory(), fileName), 'utf8')) as ScimSchema;
  if (document.id !== expectedId || !Array.isArray(document.attributes)) {
    throw new Error(`schema/scim/${fileName} is not the ${expectedId} schema document`);
  }
  return document;
}

export const userSchema = loadSchema('User.json', SCIM_USER_SCHEMA);
export const enterpriseUserSchema = loadSchema('EnterpriseUser.json', SCIM_ENTERPRISE_USER_SCHEMA);
export const groupSchema = loadSchema('Group.json', SCIM_GROUP_SCHEMA);
export const evercateUserSchema = loadSchema('EvercateUser.json', SCIM_EVERCATE_USER_SCHEMA);

/** The schema documents of RFC 7643, in the order /Schemas lists them. */
export const scimSchemas: readonly ScimSchema[] = [userSchema, groupSchema, enterpriseUserSchema];

/** Every schema the service defines itself, as /Schemas lists them before a tenant's own. */
export const builtInSchemas: readonly ScimSchema[] = [...scimSchemas, evercateUserSchema];

/**
 * A resource type with the schemas a request knows it by: the built-in ones, and for a User also
 * the extension schemas the tenant declared (known only at request time, see tenant-schemas.ts).
 */
export interface ResourceSchemas {
  type: ScimResourceType;
  /** The core schema first, then the extensions. */
  schemas: readonly ScimSchema[];
}

export const USER_RESOURCE: ResourceSchemas = {
  type: 'User',
  schemas: [userSchema, enterpriseUserSchema, evercateUserSchema],
};
export const GROUP_RESOURCE: ResourceSchemas = { type: 'Group', schemas: [groupSchema] };

/** A resource type named alone stands for its built-in schemas. */
export function resourceSchemas(resource: ScimResourceType | ResourceSchemas): ResourceSchemas {
  if (typeof resource !== 'string') return resource;
  return resource === 'User' ? USER_RESOURCE : GROUP_RESOURCE;
}

/** The core schema of a resource type first, then its extensions. */
export function schemasOf(resource: ScimResourceType | ResourceSchemas): readonly ScimSchema[] {
  return resourceSchemas(resource).schemas;
}

/**
 * `meta` is a common attribute (RFC 7643 §3.1): every resource has it, but no schema document
 * lists it. Filters and PATCH paths still name it (`meta.lastModified gt ...`).
 */
export const metaAttribute: ScimAttribute = {
  name: 'meta',
  type: 'complex',
  multiValued: false,
  description: 'Resource metadata, maintained by the service provider.',
  required: false,
  mutability: 'readOnly',
  returned: 'default',
  subAttributes: [
    metaSubAttribute('resourceType', 'string'),
    metaSubAttribute('created', 'dateTime'),
    metaSubAttribute('lastModified', 'dateTime'),
    metaSubAttribute('location', 'reference'),
    metaSubAttribute('version', 'string'),
  ],
};

function metaSubAttribute(name: string, type: ScimAttribute['type']): ScimAttribute {
  return {
    name,
    type,
    multiValued: false,
    description: `meta.${name}`,
    required: false,
    caseExact: type !== 'dateTime',
    mutability: 'readOnly',
    returned: 'default',
  };
}
