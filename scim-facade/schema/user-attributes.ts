import { SCIM_ENTERPRISE_USER_SCHEMA as ENTERPRISE } from './urns';

/**
 * Every attribute of a SCIM User and the GraphQL User field that holds it: the one place the
 * facade names them. Reading a user (GraphQL → SCIM), writing one (SCIM → UserCreateInput and
 * UserUpdateInput), the fields the facade selects, and filtering (SCIM filter → UserFilterInput)
 * all follow this list, in its order. A new attribute that both sides carry is one line here (and
 * one in its SCIM schema document, schema/scim).
 *
 * `scim` is the canonical path: `userName`, `name.givenName`, or URN-qualified for an extension
 * attribute (`urn:…:enterprise:2.0:User:costCenter`).
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
  | { kind: 'manager'; scim: string; field: 'manager' };

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
];

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
      return 'manager { id displayName }';
    default:
      return attribute.field;
  }
}

/** The GraphQL selection of a user the facade reads: every mapped field, and what `id` and `meta` need. */
export const SCIM_USER_FRAGMENT = `fragment ScimUser on User {
  id ${USER_ATTRIBUTES.map(selection).join(' ')} createdAt updatedAt version
}`;

/** Where a canonical path lives in a SCIM resource: the extension object (or none) and the keys. */
export function locate(scim: string): { extension: string | undefined; keys: string[] } {
  const urnEnd = scim.startsWith('urn:') ? scim.lastIndexOf(':') : -1;
  return urnEnd < 0
    ? { extension: undefined, keys: scim.split('.') }
    : { extension: scim.slice(0, urnEnd), keys: scim.slice(urnEnd + 1).split('.') };
}
