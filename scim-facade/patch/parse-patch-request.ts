import { invalidPath, invalidSyntax, invalidValue, mutability, noTarget, ScimError } from '../errors';
import type { PatchPathSyntax } from '../filter/filter-ast';
import { findSchema, resolveAttributePath, type ResolvedAttributePath } from '../schema/resolve-attribute-path';
import {
  builtInSchemas,
  resourceSchemas,
  type ResourceSchemas,
  type ScimResourceType,
  type ScimSchema,
} from '../schema/scim-schemas';
import { coerceComplex, coerceSimple, coerceValue, fieldIgnoringCase, isObject } from './coerce-value';
import { canonicalElementFilter } from './element-filter';
import { parsePatchPath } from './parse-patch-path';
import { noIgnoredAttributes, type IgnoredAttributes, type PatchOperation, type PatchOpName } from './patch-operation';

/** How one request is parsed: against which schemas, noting what it ignores. */
interface Parsing {
  resource: ResourceSchemas;
  ignored: IgnoredAttributes;
}

/**
 * Validates a PatchOp body (RFC 7644 §3.5.2) and normalises its operations for `resourceType`, in
 * both of Entra's dialects (default and aadOptscim062020). Lenient where Entra needs it: `schemas`
 * may be missing or carry extra URIs, `Operations`/`op`/`path`/`value` names and op values ignore
 * case (P-01), values are coerced (coerce-value.ts), and a path-less add/replace becomes one
 * operation per attribute, whether its keys are names, dotted paths, URN-qualified paths or
 * extension URN objects (Q-04/P-04/R-37). Unknown attributes in add values are ignored
 * and noted in `ignored`; so is any path under an extension schema the request's schemas do not
 * define, whatever the op (the tenant has not declared it: Entra must not fail every cycle on
 * it). Replacing or removing another unknown path is a 400 invalidPath; writing a read-only one
 * is a 400 mutability.
 */
export function parsePatchRequest(
  body: unknown,
  resourceType: ScimResourceType | ResourceSchemas,
  ignored: IgnoredAttributes = noIgnoredAttributes(),
): PatchOperation[] {
  const parsing: Parsing = { resource: resourceSchemas(resourceType), ignored };
  if (!isObject(body)) {
    throw invalidSyntax('The PATCH body must be a JSON object with "schemas" and "Operations" (RFC 7644 §3.5.2).');
  }
  const operations = fieldIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations)) {
    throw invalidSyntax('The PATCH body needs an "Operations" array of {"op", "path", "value"} objects.');
  }
  return operations.flatMap((operation, index) => parseOperation(operation, `Operations[${index}]`, parsing));
}

function parseOperation(operation: unknown, where: string, parsing: Parsing): PatchOperation[] {
  if (!isObject(operation)) throw invalidSyntax(`${where} must be an object with "op", "path" and "value".`);
  const opField = fieldIgnoringCase(operation, 'op');
  const op = typeof opField === 'string' ? opField.toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    throw invalidSyntax(`${where}: "op" must be "add", "replace" or "remove", not ${JSON.stringify(opField ?? null)}.`);
  }
  const path = fieldIgnoringCase(operation, 'path');
  const value = fieldIgnoringCase(operation, 'value');
  if (op !== 'remove' && value === undefined) throw invalidValue(`${where}: "${op}" needs a "value".`);
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw invalidPath(`${where}: "path" must be a string such as "name.givenName".`);
  }
  if (typeof path === 'string' && path.trim() !== '') {
    return targetedOperation(op, path, value, parsing, where);
  }
  if (op === 'remove') throw noTarget(`${where}: "remove" needs a "path" naming what to remove.`);
  return expandObject(op, value, parsing, undefined, where);
}

/** An operation with a path, which must name an attribute unless an add can just ignore it. */
function targetedOperation(
  op: PatchOpName,
  pathText: string,
  value: unknown,
  parsing: Parsing,
  where: string,
): PatchOperation[] {
  const { resource } = parsing;
  const syntax = withLocation(where, () => parsePatchPath(pathText));
  const { uri, attribute, subAttribute } = syntax.path;
  const wholeExtension =
    op !== 'remove' && !syntax.filter && uri !== undefined && subAttribute === undefined
      ? findSchema(resource, `${uri}:${attribute}`)
      : undefined;
  if (wholeExtension) return expandObject(op, value, parsing, wholeExtension, where);
  const resolved = resolveAttributePath(resource, syntax.path);
  if (!resolved) {
    if (uri !== undefined && isDeclarable(uri)) {
      // `urn:…:Contoso:2.0:User` with an object of attributes, or `urn:…:Contoso:2.0:User:attr`.
      if (!syntax.filter && subAttribute === undefined && isDeclarable(`${uri}:${attribute}`) && isObject(value)) {
        noteExtensionObject(`${uri}:${attribute}`, value, parsing);
      } else {
        noteUndeclared(`${uri}:${attribute}`, parsing);
      }
      return [];
    }
    if (op === 'add') {
      parsing.ignored.unknown.push(pathText);
      return [];
    }
    throw invalidPath(`${where}: "${pathText}" is not an attribute of a ${resource.type}.`);
  }
  if (isReadOnly(resolved)) throw mutability(`${where}: "${resolved.canonicalPath}" is read-only.`);
  return [operationOn(op, resolved, syntax, pathText, value, where)];
}

/**
 * A path-less add/replace (or one whose path is an extension URN): each key is an attribute path,
 * an extension URN object holds more of them. Keys that name nothing we store are ignored (and
 * noted), and so are read-only attributes such as a group's `id` sent along with a rename
 * (Q-04/P-10).
 */
function expandObject(
  op: PatchOpName,
  value: unknown,
  parsing: Parsing,
  within: ScimSchema | undefined,
  where: string,
): PatchOperation[] {
  if (!isObject(value)) {
    throw invalidValue(`${where}: "${op}" without a path needs an object whose keys are attribute names.`);
  }
  const { resource } = parsing;
  return Object.entries(value).flatMap(([key, item]) => {
    const extension = within ? undefined : findSchema(resource, key);
    if (extension) return item === null ? [] : expandObject(op, item, parsing, extension, `${where}.${key}`);
    if (!within && isDeclarable(key) && isObject(item)) {
      noteExtensionObject(key, item, parsing);
      return [];
    }
    const syntax = keyAsPath(key);
    const resolved = syntax && resolveAttributePath(resource, syntax.path, within);
    if (!syntax || !resolved) {
      noteUnresolvedKey(within ? `${within.id}:${key}` : key, syntax?.path.uri ?? within?.id, parsing);
      return [];
    }
    if (isReadOnly(resolved)) return [];
    const text = within ? `${within.id}:${key}` : key;
    return [operationOn(op, resolved, syntax, text, item, `${where} (key "${key}")`)];
  });
}

/** Whether a URN is one a tenant may declare attributes in: any the service does not define itself. */
function isDeclarable(urn: string): boolean {
  return /^urn:/i.test(urn) && !builtInSchemas.some((schema) => schema.id.toLowerCase() === urn.toLowerCase());
}

/** The attributes of an object under an extension URN the request's schemas do not define. */
function noteExtensionObject(urn: string, value: Record<string, unknown>, parsing: Parsing): void {
  for (const key of Object.keys(value)) noteUndeclared(`${urn}:${key}`, parsing);
}

function noteUnresolvedKey(text: string, uri: string | undefined, parsing: Parsing): void {
  if (uri !== undefined && isDeclarable(uri)) noteUndeclared(text, parsing);
  else parsing.ignored.unknown.push(text);
}

function noteUndeclared(path: string, parsing: Parsing): void {
  // Groups have no tenant extensions: such a key is simply not one of theirs.
  if (parsing.resource.type === 'User') parsing.ignored.undeclared.push(path);
  else parsing.ignored.unknown.push(path);
}

function keyAsPath(key: string): PatchPathSyntax | undefined {
  try {
    return parsePatchPath(key);
  } catch (error) {
    if (error instanceof ScimError) return undefined;
    throw error;
  }
}

function operationOn(
  op: PatchOpName,
  resolved: ResolvedAttributePath,
  syntax: PatchPathSyntax,
  text: string,
  value: unknown,
  where: string,
): PatchOperation {
  const { attribute, subAttribute } = resolved;
  const filter = syntax.filter && withLocation(where, () => canonicalFilter(resolved, syntax, text));
  if (subAttribute && attribute.multiValued && !filter) {
    throw invalidPath(
      `${where}: "${text}" names a sub-attribute of every ${attribute.name} element; select the element with a filter, e.g. ${attribute.name}[type eq "work"].${subAttribute.name}.`,
    );
  }
  const path = filter ? { text, attribute: resolved, filter } : { text, attribute: resolved };
  if (op === 'remove') {
    // Only a multi-valued attribute takes a list of elements to remove (C-14). P-03: a value that
    // is there but lists nothing (null, []) removes nothing; only a remove without one removes all.
    const listed = value !== undefined && attribute.multiValued && !filter && !subAttribute;
    if (!listed && attribute.required && !subAttribute && !filter) throw required(where, resolved);
    return listed ? { op, path, value: coerceValue(value, attribute, where) ?? [] } : { op, path };
  }
  const coerced = coerceForTarget(value, resolved, filter !== undefined, where);
  if (coerced === null && attribute.required && !subAttribute && !filter) throw required(where, resolved);
  return { op, path, value: coerced };
}

function canonicalFilter(resolved: ResolvedAttributePath, syntax: PatchPathSyntax, text: string) {
  if (!resolved.attribute.multiValued || resolved.attribute.type !== 'complex') {
    throw invalidPath(`Invalid path ${JSON.stringify(text)}: only multi-valued attributes take a [ ] filter.`);
  }
  return canonicalElementFilter(syntax.filter!, resolved.attribute, text);
}

function coerceForTarget(value: unknown, resolved: ResolvedAttributePath, filtered: boolean, where: string): unknown {
  const { attribute, subAttribute } = resolved;
  if (filtered && subAttribute) {
    // a multi-valued source mapped to `emails[type eq "other"].value` sends [{value}, …].
    if (Array.isArray(value) && value.length > 1) {
      return value.map((item) => coerceSimple(item, subAttribute, where)).filter((item) => item !== null);
    }
    return coerceSimple(value, subAttribute, where);
  }
  if (filtered) return coerceComplex(Array.isArray(value) && value.length === 1 ? value[0] : value, attribute, where);
  if (subAttribute) return coerceSimple(value, subAttribute, where);
  return coerceValue(value, attribute, where);
}

function isReadOnly(resolved: ResolvedAttributePath): boolean {
  return resolved.attribute.mutability === 'readOnly' || resolved.target.mutability === 'readOnly';
}

function required(where: string, resolved: ResolvedAttributePath): ScimError {
  return invalidValue(`${where}: "${resolved.canonicalPath}" is required and cannot be removed or emptied.`);
}

/** Prefixes a parse error with the operation it belongs to. */
function withLocation<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ScimError) throw new ScimError(error.status, `${where}: ${error.detail}`, error.scimType);
    throw error;
  }
}
