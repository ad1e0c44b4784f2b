import type { ScimGraphQL } from '../graphql/executor';
import type { ScimLocation } from '../mapping/scim-meta';
import type { ResourceSchemas } from '../schema/scim-schemas';
import type { QueryParameters } from './list-query';

/** A SCIM request, stripped of its transport: what a handler needs. */
export interface ScimRequest {
  method: string;
  /** The path below the SCIM base, e.g. `/Users/2819c223-…`. */
  path: string;
  params: Record<string, string>;
  query: QueryParameters;
  body: unknown;
  ifMatch?: string;
  ifNoneMatch?: string;
}

export interface ScimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a handler says about the request for the provisioning log. */
export interface ProvisioningNote {
  operation: string;
  resourceType?: 'User' | 'Group';
  resourceId?: string;
  /** What the request did otherwise than asked (an attribute not stored, a pending manager). */
  warnings?: string[];
  /** Extension attributes it carried that the tenant has not declared. */
  undeclaredAttributes?: string[];
}

export interface ScimHandlerContext {
  graphql: ScimGraphQL;
  location: ScimLocation;
  note: ProvisioningNote;
  /** The User resource with the tenant's extension schemas, once read (see handlers/tenant-resource.ts). */
  userResource?: Promise<ResourceSchemas>;
}

export type ScimHandler = (request: ScimRequest, context: ScimHandlerContext) => Promise<ScimResponse>;
