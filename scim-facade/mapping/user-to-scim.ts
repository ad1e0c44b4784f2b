import { type ScimAddress, type ScimMultiValue, type ScimUser } from '../resources/scim-user';
import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_USER_SCHEMA } from '../schema/urns';
import { etagOf, withoutEmpty, type ScimLocation } from './scim-meta';

/** A user as the facade's GraphQL operations select it (see graphql/operations.ts). */
export interface GraphQLUser {
  id: string;
  externalId: string | null;
  userName: string;
  displayName: string | null;
  nickName: string | null;
  profileUrl: string | null;
  title: string | null;
  userType: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  formattedName: string | null;
  honorificPrefix: string | null;
  honorificSuffix: string | null;
  preferredLanguage: string | null;
  locale: string | null;
  timezone: string | null;
  active: boolean;
  emails: ScimMultiValue[];
  phoneNumbers: ScimMultiValue[];
  addresses: ScimAddress[];
  roles: ScimMultiValue[];
  employeeNumber: string | null;
  costCenter: string | null;
  organization: string | null;
  division: string | null;
  departmentName: string | null;
  manager: { id: string; displayName: string | null } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The SCIM User. Values are returned as they were written (Entra compares them each cycle);
 * unassigned attributes are left out; the manager is always the complex `{value, $ref, displayName}`
 * Entra's deserializer expects.
 */
export function userToScim(user: GraphQLUser, location: ScimLocation): ScimUser {
  const enterprise = withoutEmpty({
    employeeNumber: user.employeeNumber,
    costCenter: user.costCenter,
    organization: user.organization,
    division: user.division,
    department: user.departmentName,
    manager: user.manager && {
      value: user.manager.id,
      $ref: `${location.baseUrl}/Users/${user.manager.id}`,
      displayName: user.manager.displayName,
    },
  });
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return withoutEmpty({
    schemas: hasEnterprise ? [SCIM_USER_SCHEMA, SCIM_ENTERPRISE_USER_SCHEMA] : [SCIM_USER_SCHEMA],
    id: user.id,
    externalId: user.externalId,
    userName: user.userName,
    name: {
      formatted: user.formattedName,
      familyName: user.familyName,
      givenName: user.givenName,
      middleName: user.middleName,
      honorificPrefix: user.honorificPrefix,
      honorificSuffix: user.honorificSuffix,
    },
    displayName: user.displayName,
    nickName: user.nickName,
    profileUrl: user.profileUrl,
    title: user.title,
    userType: user.userType,
    preferredLanguage: user.preferredLanguage,
    locale: user.locale,
    timezone: user.timezone,
    active: user.active,
    emails: user.emails.map(withoutNulls),
    phoneNumbers: user.phoneNumbers.map(withoutNulls),
    addresses: user.addresses.map(withoutNulls),
    roles: user.roles.map(withoutNulls),
    [SCIM_ENTERPRISE_USER_SCHEMA]: hasEnterprise ? enterprise : undefined,
    meta: {
      resourceType: 'User',
      created: user.createdAt,
      lastModified: user.updatedAt,
      location: `${location.baseUrl}/Users/${user.id}`,
      version: etagOf(user.version),
    },
  });
}

function withoutNulls<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined)) as T;
}
