import { isDeepStrictEqual } from 'node:util';
import { type ScimMultiValue, type ScimUser } from '../resources/scim-user';
import { SCIM_ENTERPRISE_USER_SCHEMA } from '../schema/urns';

/** The attributes of GraphQL's UserCreateInput / UserUpdateInput (without id and expectedVersion). */
export interface UserAttributesInput {
  userName?: string | null;
  externalId?: string | null;
  displayName?: string | null;
  nickName?: string | null;
  profileUrl?: string | null;
  title?: string | null;
  userType?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  formattedName?: string | null;
  honorificPrefix?: string | null;
  honorificSuffix?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  timezone?: string | null;
  active?: boolean | null;
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  addresses?: Array<Record<string, unknown>>;
  roles?: ScimMultiValue[];
  employeeNumber?: string | null;
  costCenter?: string | null;
  organization?: string | null;
  division?: string | null;
  department?: string | null;
  managerId?: string | null;
}

/** Every attribute of a SCIM user as GraphQL input; what the resource lacks is null (or []). */
export function scimUserToAttributes(user: ScimUser): Required<UserAttributesInput> {
  const enterprise = user[SCIM_ENTERPRISE_USER_SCHEMA] ?? {};
  const managerValue = enterprise.manager?.value;
  return {
    userName: text(user.userName),
    externalId: text(user.externalId),
    displayName: text(user.displayName),
    nickName: text(user.nickName),
    profileUrl: text(user.profileUrl),
    title: text(user.title),
    userType: text(user.userType),
    givenName: text(user.name?.givenName),
    familyName: text(user.name?.familyName),
    middleName: text(user.name?.middleName),
    formattedName: text(user.name?.formatted),
    honorificPrefix: text(user.name?.honorificPrefix),
    honorificSuffix: text(user.name?.honorificSuffix),
    preferredLanguage: text(user.preferredLanguage),
    locale: text(user.locale),
    timezone: text(user.timezone),
    active: user.active ?? true,
    emails: multiValues(user.emails),
    phoneNumbers: multiValues(user.phoneNumbers),
    addresses: (user.addresses ?? []).map((address) =>
      pick(address, ['type', 'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'primary']),
    ),
    roles: multiValues(user.roles),
    employeeNumber: text(enterprise.employeeNumber),
    costCenter: text(enterprise.costCenter),
    organization: text(enterprise.organization),
    division: text(enterprise.division),
    department: text(enterprise.department),
    managerId: typeof managerValue === 'string' && managerValue !== '' ? managerValue : null,
  };
}

/** Only the attributes that differ between two versions of a user: what a PATCH really changes. */
export function changedUserAttributes(before: ScimUser, after: ScimUser): UserAttributesInput {
  const old = scimUserToAttributes(before);
  const next = scimUserToAttributes(after);
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(next) as Array<keyof UserAttributesInput>) {
    if (!isDeepStrictEqual(old[key], next[key])) changed[key] = next[key];
  }
  return changed as UserAttributesInput;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

function multiValues(items: ScimMultiValue[] | null | undefined): ScimMultiValue[] {
  return (items ?? []).map((item) => pick(item, ['value', 'type', 'primary', 'display']) as ScimMultiValue);
}

/** Keeps the sub-attributes GraphQL knows, without nulls: an element is stored as sent. */
function pick(item: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = item[key];
    if (value === null || value === undefined) continue;
    picked[key] = key === 'primary' ? value === true || value === 'true' || value === 'True' : text(value);
  }
  return picked;
}
