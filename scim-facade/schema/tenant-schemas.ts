import { USER_RESOURCE, type ResourceSchemas, type ScimAttribute, type ScimSchema } from './scim-schemas';

/**
 * An extension attribute the tenant declared, as the facade reads it (the ExtensionAttributes
 * operation; codegen's type is structurally this one, the schema folder does not import it).
 */
export interface DeclaredAttribute {
  schema: string;
  name: string;
  type: 'STRING' | 'BOOLEAN' | 'INTEGER' | 'DECIMAL' | 'DATE_TIME';
  description?: string | null;
  caseExact: boolean;
  unique: boolean;
}

const SCIM_TYPES: Record<DeclaredAttribute['type'], ScimAttribute['type']> = {
  STRING: 'string',
  BOOLEAN: 'boolean',
  INTEGER: 'integer',
  DECIMAL: 'decimal',
  DATE_TIME: 'dateTime',
};

/**
 * The tenant's declared extension attributes as SCIM schema documents (RFC 7643 §7), one per
 * extension schema URN, in the order of their first attribute: what /Schemas lists after the
 * built-in ones and what resolves paths such as `urn:…:Contoso:2.0:User:costCenterCode`.
 */
export function tenantSchemas(declared: readonly DeclaredAttribute[]): ScimSchema[] {
  const bySchema = new Map<string, ScimSchema>();
  for (const attribute of declared) {
    const key = attribute.schema.toLowerCase();
    let schema = bySchema.get(key);
    if (!schema) {
      schema = {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
        id: attribute.schema,
        name: schemaName(attribute.schema),
        description: 'Attributes this tenant declared in Evercate.',
        attributes: [],
        meta: { resourceType: 'Schema', location: `/Schemas/${attribute.schema}` },
      };
      bySchema.set(key, schema);
    }
    const type = SCIM_TYPES[attribute.type];
    schema.attributes.push({
      name: attribute.name,
      type,
      multiValued: false,
      description: attribute.description ?? `${attribute.name}, declared by this tenant.`,
      required: false,
      ...(type === 'string' ? { caseExact: attribute.caseExact } : {}),
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: attribute.unique ? 'server' : 'none',
    });
  }
  return [...bySchema.values()];
}

/** The User resource with the tenant's extension schemas after the built-in ones. */
export function userResourceWith(declared: readonly DeclaredAttribute[]): ResourceSchemas {
  return { type: 'User', schemas: [...USER_RESOURCE.schemas, ...tenantSchemas(declared)] };
}

/** `urn:ietf:params:scim:schemas:extension:Contoso:2.0:User` → "Contoso User"; other URNs by their last parts. */
function schemaName(urn: string): string {
  const match = /:extension:([^:]+):[^:]+:([^:]+)$/i.exec(urn);
  return match ? `${match[1]} ${match[2]}` : urn.split(':').slice(-2).join(' ');
}

/** Every URN the service knows without asking the tenant: messages, and the built-in schemas. */
const BUILT_IN_URNS = [
  'urn:ietf:params:scim:api:messages:2.0:',
  'urn:ietf:params:scim:schemas:core:2.0:',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user',
  'urn:ietf:params:scim:schemas:extension:evercate:2.0:user',
];

/**
 * Whether a request's text (a body, a filter, a list of attributes) names a URN the service does
 * not define itself, so the tenant's declarations must be read to understand it. Most requests
 * name none and cost no statement for them; a URN inside a value only costs that one read.
 */
export function mentionsTenantSchema(text: string): boolean {
  for (const match of text.matchAll(/urn:[^"\s,()[\]]*/gi)) {
    const urn = match[0].toLowerCase();
    if (!BUILT_IN_URNS.some((builtIn) => urn.startsWith(builtIn))) return true;
  }
  return false;
}
