import type { ResourceSchemas } from './scim-schemas';
import { SCIM_ENTERPRISE_USER_SCHEMA as ENTERPRISE, SCIM_EVERCATE_USER_SCHEMA as EVERCATE } from './urns';

/**
 * Every attribute of a SCIM User and the GraphQL User field that holds it: the one place the
 * facade names them. Reading a user (GraphQL → SCIM), writing one (SCIM → UserCreateInput and
 * UserUpdateInput), the fields the facade selects, and filtering (SCIM filter → UserFilterInput)
 * all follow this list, in its order. A new attribute that both sides carry is one line here (and
 * one in its SCIM schema document, schema/scim).
 *
 * `scim` is the canonical path: `userName`, `name.givenName`, or URN-qualified for an extension
 * attribute (`urn:…:enterprise:2.0:User:costCenter`).
 *
 * The attributes a tenant declares in extension schemas of its own are known only at request
 * time: userAttributesOf adds them to this list, as `extension` attributes, from the request's
 * schemas (tenant-schemas.ts); a user read back carries its values whatever the request knew.
 */
export type UserAttribute =
  /**
   * Text, filtered with a StringFilter of the same name unless `filterable` is false; `input` when
   * the input field is named otherwise.
   */
  | { kind: 'text'; scim: string; field: TextField; input?: InputField; filterable?: false }
  | { kind: 'boolean'; scim: string; field: 'active' }
  /** A list of { value, type, primary, display } (emails, phone numbers, roles) or of addresses. */
  | { kind: 'multiValued'; scim: string; field: 'emails' | 'phoneNumbers' | 'roles' | 'addresses' }
  /** The manager: a reference to another user ({ value, $ref, displayName } in SCIM). */
  | { kind: 'manager'; scim: string; field: 'manager' }
  /** A date-time kept as written, filtered with a DateTimeFilter of the same name. */
  | { kind: 'dateTime'; scim: string; field: 'startDate' | 'leaveDate' }
  /** An attribute the tenant declared: one of User.extensionAttributes. */
  | { kind: 'extension'; scim: string; schema: string; name: string; type: ExtensionType };

/** The SCIM type of a declared attribute. */
export type ExtensionType = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime';

/** A User field (codegen checks the selection below against the schema) and a UserCreateInput field. */
type TextField = string;
type InputField = string;

const text = (
  scim: string,
  field: TextField = scim,
  options: { input?: InputField; filterable?: false } = {},
): UserAttribute => ({ kind: 'text', scim, field, ...options });

export const USER_ATTRIBUTES: readonly UserAttribute[] = [
  text('externalId'),
  text('userName'),
  text('name.formatted', 'formattedName'),
  text('name.familyName', 'familyName'),
  text('name.givenName', 'givenName'),
  text('name.middleName', 'middleName'),
  text('name.honorificPrefix', 'honorificPrefix', { filterable: false }),
  text('name.honorificSuffix', 'honorificSuffix', { filterable: false }),
  text('displayName'),
  text('nickName'),
  text('profileUrl'),
  text('title'),
  text('userType'),
  text('preferredLanguage'),
  text('locale'),
  text('timezone'),
  { kind: 'boolean', scim: 'active', field: 'active' },
  { kind: 'multiValued', scim: 'emails', field: 'emails' },
  { kind: 'multiValued', scim: 'phoneNumbers', field: 'phoneNumbers' },
  { kind: 'multiValued', scim: 'addresses', field: 'addresses' },
  { kind: 'multiValued', scim: 'roles', field: 'roles' },
  text(`${ENTERPRISE}:employeeNumber`, 'employeeNumber'),
  text(`${ENTERPRISE}:costCenter`, 'costCenter'),
  text(`${ENTERPRISE}:organization`, 'organization'),
  text(`${ENTERPRISE}:division`, 'division'),
  text(`${ENTERPRISE}:department`, 'departmentName', { input: 'department' }),
  { kind: 'manager', scim: `${ENTERPRISE}:manager`, field: 'manager' },
  { kind: 'dateTime', scim: `${EVERCATE}:startDate`, field: 'startDate' },
  { kind: 'dateTime', scim: `${EVERCATE}:leaveDate`, field: 'leaveDate' },
];

/** The attributes of the built-in schemas, by canonical path lower-cased. */
const BUILT_IN_PATHS = new Set(USER_ATTRIBUTES.map((attribute) => attribute.scim.toLowerCase()));

export function extensionAttribute(schema: string, name: string, type: ExtensionType): UserAttribute {
  return { kind: 'extension', scim: `${schema}:${name}`, schema, name, type };
}

/** Every attribute a request knows a user by: the built-in ones, then those of the tenant's extension schemas. */
export function userAttributesOf(resource: ResourceSchemas): readonly UserAttribute[] {
  const declared = resource.schemas
    .slice(1)
    .flatMap((schema) =>
      schema.attributes
        .filter((attribute) => !BUILT_IN_PATHS.has(`${schema.id}:${attribute.name}`.toLowerCase()))
        .map((attribute) => extensionAttribute(schema.id, attribute.name, attribute.type as ExtensionType)),
    );
  return declared.length === 0 ? USER_ATTRIBUTES : [...USER_ATTRIBUTES, ...declared];
}

/** The sub-attributes of each multi-valued attribute that GraphQL carries. */
export const ELEMENT_FIELDS = {
  emails: ['value', 'type', 'primary', 'display'],
  phoneNumbers: ['value', 'type', 'primary', 'display'],
  roles: ['value', 'type', 'primary', 'display'],
  addresses: ['type', 'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'primary'],
} as const;

function selection(attribute: UserAttribute): string {
  switch (attribute.kind) {
    case 'multiValued':
      return `${attribute.field} { ${ELEMENT_FIELDS[attribute.field].join(' ')} }`;
    case 'manager':
      return 'manager { id displayName } pendingManagerReference';
    case 'extension':
      return '';
    default:
      return attribute.field;
  }
}

/**
 * The GraphQL selection of a user the facade reads: every mapped field, the values of the
 * tenant's extension attributes (all of them: they cost nothing to read), and what `id` and
 * `meta` need.
 */
export const SCIM_USER_FRAGMENT = `fragment ScimUser on User {
  id ${USER_ATTRIBUTES.map(selection).join(' ')} extensionAttributes { schema name value } createdAt updatedAt version
}`;

/** Where a canonical path lives in a SCIM resource: the extension object (or none) and the keys. */
export function locate(scim: string): Location {
  let location = LOCATIONS.get(scim);
  if (!location) {
    const urnEnd = scim.startsWith('urn:') ? scim.lastIndexOf(':') : -1;
    location =
      urnEnd < 0
        ? { extension: undefined, keys: scim.split('.') }
        : { extension: scim.slice(0, urnEnd), keys: scim.slice(urnEnd + 1).split('.') };
    // Paths are the attribute table's and the tenants' declared ones: few, and asked for on every
    // user mapped. Tenants' paths are bounded (200 declarations each), but not their number.
    if (LOCATIONS.size < MAX_LOCATIONS) LOCATIONS.set(scim, location);
  }
  return location;
}

interface Location {
  readonly extension: string | undefined;
  readonly keys: readonly string[];
}

const MAX_LOCATIONS = 10_000;
const LOCATIONS = new Map<string, Location>();
