import { ScimError } from '../errors';
import { parsePatchPath } from '../patch/parse-patch-path';
import { resolveAttributePath, type ResolvedAttributePath } from '../schema/resolve-attribute-path';
import type { ResourceSchemas, ScimResourceType } from '../schema/scim-schemas';
import type { Filter } from '../filter/filter-ast';
import { canonicalElementFilter, matchesElement } from '../patch/element-filter';
import { isObject } from '../patch/coerce-value';

/** A projected path; `filter` for an entry such as `emails[type eq "work"]` (only its matching values). */
type Projected = ResolvedAttributePath & { filter?: Filter };

type Resource = Record<string, unknown>;

/** Attributes returned whatever `attributes`/`excludedAttributes` say (RFC 7643 `returned: always`). */
const ALWAYS = new Set(['id', 'schemas']);

/**
 * Applies the `attributes` / `excludedAttributes` query parameters (RFC 7644 §3.4.2.5) to a
 * resource. Names ignore case and may be URN-qualified or name sub-attributes; names the schemas
 * do not define are ignored rather than refused, as a lenient server should. An entry with a value
 * filter (`emails[type eq "work"]`, `emails[type eq "work"].value`), as some clients send, selects
 * that attribute, and in `attributes` only its values that match.
 */
export function projectResource(
  resource: Resource,
  resourceType: ScimResourceType | ResourceSchemas,
  projection: { attributes?: string[]; excludedAttributes?: string[] },
): Resource {
  if (projection.attributes && projection.attributes.length > 0) {
    const result: Resource = {};
    for (const key of ALWAYS) if (key in resource) result[key] = resource[key];
    for (const path of resolveAll(projection.attributes, resourceType)) copyPath(resource, result, path);
    return result;
  }
  if (projection.excludedAttributes && projection.excludedAttributes.length > 0) {
    const result = structuredClone(resource);
    for (const path of resolveAll(projection.excludedAttributes, resourceType)) deletePath(result, path);
    return result;
  }
  return resource;
}

/** Whether a projection leaves out an attribute entirely, e.g. `members`, so it need not be loaded. */
export function projectionExcludes(
  resourceType: ScimResourceType | ResourceSchemas,
  attribute: string,
  projection: { attributes?: string[]; excludedAttributes?: string[] },
): boolean {
  const named = (list: string[] | undefined) =>
    resolveAll(list ?? [], resourceType).some(
      (path) => path.canonicalAttribute.toLowerCase() === attribute.toLowerCase(),
    );
  if (projection.attributes && projection.attributes.length > 0) return !named(projection.attributes);
  return resolveAll(projection.excludedAttributes ?? [], resourceType).some(
    (path) => path.canonicalPath.toLowerCase() === attribute.toLowerCase(),
  );
}

function resolveAll(names: string[], resourceType: ScimResourceType | ResourceSchemas): Projected[] {
  const resolved: Projected[] = [];
  for (const name of names) {
    let syntax;
    try {
      syntax = parsePatchPath(name);
    } catch (error) {
      if (error instanceof ScimError) continue;
      throw error;
    }
    const path = resolveAttributePath(resourceType, syntax.path);
    if (!path || ALWAYS.has(path.attribute.name)) continue;
    if (!syntax.filter) {
      resolved.push(path);
      continue;
    }
    if (!path.attribute.multiValued || path.attribute.type !== 'complex') continue;
    try {
      resolved.push({ ...path, filter: canonicalElementFilter(syntax.filter, path.attribute, name) });
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
    }
  }
  return resolved;
}

/** The elements of a multi-valued attribute a projected filter keeps. */
function matching(value: unknown, path: Projected): unknown {
  if (!path.filter || !Array.isArray(value)) return value;
  return value.filter((item) => isObject(item) && matchesElement(item, path.filter!, path.attribute));
}

function containerOf(resource: Resource, path: ResolvedAttributePath, create: boolean): Resource | undefined {
  if (!path.isExtension) return resource;
  const existing = resource[path.schema.id] as Resource | undefined;
  if (existing || !create) return existing;
  const created: Resource = {};
  resource[path.schema.id] = created;
  return created;
}

function copyPath(source: Resource, target: Resource, path: Projected): void {
  const from = containerOf(source, path, false);
  if (!from) return;
  const name = path.attribute.name;
  const value = matching(from[name], path);
  if (value === undefined || (path.filter && Array.isArray(value) && value.length === 0)) return;
  const to = containerOf(target, path, true)!;
  if (!path.subAttribute) {
    to[name] = value;
    return;
  }
  const sub = path.subAttribute.name;
  if (Array.isArray(value)) {
    const already = to[name] as Resource[] | undefined;
    to[name] = value.map((item: Resource, index) => ({ ...already?.[index], [sub]: item[sub] }));
  } else if (value && typeof value === 'object') {
    to[name] = { ...(to[name] as Resource | undefined), [sub]: (value as Resource)[sub] };
  }
  if (path.isExtension) addSchema(target, path.schema.id);
}

function deletePath(resource: Resource, path: Projected): void {
  const container = containerOf(resource, path, false);
  if (!container) return;
  const name = path.attribute.name;
  // `excludedAttributes=emails[type eq "work"]` leaves out the attribute, as its name alone would.
  if (!path.subAttribute || path.filter) {
    delete container[name];
  } else {
    const value = container[name];
    const sub = path.subAttribute.name;
    if (Array.isArray(value)) for (const item of value as Resource[]) delete item[sub];
    else if (value && typeof value === 'object') delete (value as Resource)[sub];
  }
  if (path.isExtension && Object.keys(container).length === 0) delete resource[path.schema.id];
}

function addSchema(resource: Resource, urn: string): void {
  const schemas = (resource.schemas as string[] | undefined) ?? [];
  if (!schemas.includes(urn)) resource.schemas = [...schemas, urn];
}
