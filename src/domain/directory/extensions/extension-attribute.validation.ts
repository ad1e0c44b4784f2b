import { InvalidInputError } from '../../../platform/errors';
import { validDateTime } from '../shared/date-time';
import {
  valueKey,
  type ExtensionAttributeName,
  type ExtensionAttributeRecord,
  type ExtensionScalar,
} from './extension-attribute.record';

export const MAX_EXTENSION_ATTRIBUTES = 200;
export const MAX_EXTENSION_TEXT_LENGTH = 2048;
const MAX_DESCRIPTION_LENGTH = 1000;
const MAX_SCHEMA_LENGTH = 200;

/** RFC 7643 §2.1 ATTRNAME: a letter, then letters, digits, "-" and "_". */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;
/** A URN of colon-separated segments such as `urn:ietf:params:scim:schemas:extension:Contoso:2.0:User`. */
const SCHEMA_URN = /^urn(:[A-Za-z0-9._-]+){2,}$/i;

/** Schemas the service defines itself: their attributes cannot be declared. */
const BUILT_IN_SCHEMAS = [
  'urn:ietf:params:scim:schemas:core:2.0:User',
  'urn:ietf:params:scim:schemas:core:2.0:Group',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  'urn:ietf:params:scim:schemas:extension:evercate:2.0:User',
];

export function validSchemaUrn(schema: string): string {
  if (schema.length > MAX_SCHEMA_LENGTH || !SCHEMA_URN.test(schema)) {
    throw new InvalidInputError(
      `schema must be a URN such as "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User" (at most ${MAX_SCHEMA_LENGTH} characters of letters, digits, ".", "-" and "_" between colons).`,
      ['schema'],
    );
  }
  if (BUILT_IN_SCHEMAS.some((builtIn) => builtIn.toLowerCase() === schema.toLowerCase())) {
    throw new InvalidInputError(
      `${schema} is a schema the service defines itself; declare tenant attributes in a schema of your own, e.g. urn:ietf:params:scim:schemas:extension:Contoso:2.0:User.`,
      ['schema'],
    );
  }
  return schema;
}

export function validAttributeName(name: string): string {
  if (!ATTRIBUTE_NAME.test(name)) {
    throw new InvalidInputError(
      'name must start with a letter and hold only letters, digits, "-" and "_" (at most 128 characters), as SCIM attribute names do.',
      ['name'],
    );
  }
  return name;
}

export function validDescription(description: string | null | undefined): string | null {
  if (description == null) return null;
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidInputError(`description is longer than ${MAX_DESCRIPTION_LENGTH} characters.`, ['description']);
  }
  return description;
}

/**
 * A value for a declared attribute, coerced to its type the way identity providers send values:
 * Entra writes booleans as "True"/"False" and numbers as text. Date-times are kept as written.
 * Anything that does not fit is refused, naming the attribute.
 */
export function coerceExtensionValue(attribute: ExtensionAttributeRecord, value: unknown): ExtensionScalar {
  const path = `${attribute.schema}:${attribute.name}`;
  const refuse = (expected: string): never => {
    const shown = JSON.stringify(value) ?? String(value);
    throw new InvalidInputError(
      `${path} is ${expected}, not ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}.`,
      ['extensionAttributes', path],
    );
  };
  switch (attribute.type) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value !== 'string') return refuse('text');
      if (value.length > MAX_EXTENSION_TEXT_LENGTH) {
        throw new InvalidInputError(`${path} is longer than ${MAX_EXTENSION_TEXT_LENGTH} characters.`, [
          'extensionAttributes',
          path,
        ]);
      }
      return value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
      return refuse('true or false');
    case 'integer': {
      const number = numberFrom(value);
      if (number === undefined || !Number.isSafeInteger(number)) return refuse('a whole number');
      return number;
    }
    case 'decimal': {
      const number = numberFrom(value);
      if (number === undefined) return refuse('a number');
      return number;
    }
    case 'date_time':
      if (typeof value !== 'string') return refuse('a date-time such as "2026-03-01T09:00:00Z"');
      return validDateTime(value, ['extensionAttributes', path], path);
  }
}

function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** A value, filter or order that names an attribute the tenant has not declared. */
export function undeclaredAttribute(name: ExtensionAttributeName): InvalidInputError {
  return new InvalidInputError(
    `${valueKey(name)} is not a declared extension attribute of this tenant; an admin declares it with extensionAttributeCreate (or the CLI: extensions create).`,
    ['extensionAttributes', valueKey(name)],
  );
}
