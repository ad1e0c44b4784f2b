import type { AttrPath } from './attribute-path';
import {
  metaAttribute,
  schemasOf,
  type ResourceSchemas,
  type ScimAttribute,
  type ScimResourceType,
  type ScimSchema,
} from './scim-schemas';

/** An attribute path resolved against a resource type's schemas, with canonical spelling. */
export interface ResolvedAttributePath {
  /** The schema that defines the attribute (the core schema for `meta`). */
  schema: ScimSchema;
  /** True for extension attributes, which live under the schema URN key in a resource. */
  isExtension: boolean;
  attribute: ScimAttribute;
  subAttribute?: ScimAttribute;
  /** What the path points at: the sub-attribute when one is named, else the attribute. */
  target: ScimAttribute;
  /** `name.givenName`, `meta.created`, or URN-qualified for extensions: `urn:…:User:manager.value`. */
  canonicalPath: string;
  /** The canonical path of the attribute alone: `name`, `urn:…:User:manager`. */
  canonicalAttribute: string;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findSchema(resourceType: ScimResourceType | ResourceSchemas, urn: string): ScimSchema | undefined {
  return schemasOf(resourceType).find((schema) => sameName(schema.id, urn));
}

export function findSubAttribute(attribute: ScimAttribute, name: string): ScimAttribute | undefined {
  return attribute.subAttributes?.find((sub) => sameName(sub.name, name));
}

/**
 * Resolves a path the way RFC 7644 §3.10 and Entra need it: names ignore case (P-14), the core
 * URN prefix is optional, and an unqualified name also finds extension attributes, because Entra's
 * legacy manager PATCH says just `manager` (C-22). `within` restricts the lookup to one schema
 * (keys inside an extension object). Returns undefined for anything the schemas do not define.
 */
export function resolveAttributePath(
  resourceType: ScimResourceType | ResourceSchemas,
  path: AttrPath,
  within?: ScimSchema,
): ResolvedAttributePath | undefined {
  const candidates = path.uri === undefined ? schemasOf(resourceType) : [findSchema(resourceType, path.uri)];
  for (const schema of candidates) {
    if (!schema || (within && schema !== within)) continue;
    const isCore = schema === schemasOf(resourceType)[0];
    const attribute =
      schema.attributes.find((candidate) => sameName(candidate.name, path.attribute)) ??
      (isCore && sameName(metaAttribute.name, path.attribute) ? metaAttribute : undefined);
    if (!attribute) continue;
    return withSubAttribute(schema, !isCore, attribute, path.subAttribute);
  }
  return undefined;
}

function withSubAttribute(
  schema: ScimSchema,
  isExtension: boolean,
  attribute: ScimAttribute,
  subName: string | undefined,
): ResolvedAttributePath | undefined {
  const canonicalAttribute = isExtension ? `${schema.id}:${attribute.name}` : attribute.name;
  if (subName === undefined) {
    return { schema, isExtension, attribute, target: attribute, canonicalPath: canonicalAttribute, canonicalAttribute };
  }
  const subAttribute = findSubAttribute(attribute, subName);
  if (!subAttribute) return undefined;
  return {
    schema,
    isExtension,
    attribute,
    subAttribute,
    target: subAttribute,
    canonicalPath: `${canonicalAttribute}.${subAttribute.name}`,
    canonicalAttribute,
  };
}
