import type { UserRecord } from './user.record';

/** How each writable attribute is stored. The order is the order of the INSERT column list. */
export const USER_COLUMNS = {
  externalId: { column: 'external_id', kind: 'text' },
  userName: { column: 'user_name', kind: 'text' },
  displayName: { column: 'display_name', kind: 'text' },
  nickName: { column: 'nick_name', kind: 'text' },
  profileUrl: { column: 'profile_url', kind: 'text' },
  title: { column: 'title', kind: 'text' },
  userType: { column: 'user_type', kind: 'text' },
  givenName: { column: 'given_name', kind: 'text' },
  familyName: { column: 'family_name', kind: 'text' },
  middleName: { column: 'middle_name', kind: 'text' },
  formattedName: { column: 'formatted_name', kind: 'text' },
  honorificPrefix: { column: 'honorific_prefix', kind: 'text' },
  honorificSuffix: { column: 'honorific_suffix', kind: 'text' },
  preferredLanguage: { column: 'preferred_language', kind: 'text' },
  locale: { column: 'locale', kind: 'text' },
  timezone: { column: 'timezone', kind: 'text' },
  active: { column: 'active', kind: 'boolean' },
  emails: { column: 'emails', kind: 'jsonb' },
  phoneNumbers: { column: 'phone_numbers', kind: 'jsonb' },
  addresses: { column: 'addresses', kind: 'jsonb' },
  roles: { column: 'roles', kind: 'jsonb' },
  employeeNumber: { column: 'employee_number', kind: 'text' },
  costCenter: { column: 'cost_center', kind: 'text' },
  organization: { column: 'organization', kind: 'text' },
  division: { column: 'division', kind: 'text' },
  department: { column: 'department', kind: 'text' },
  departmentId: { column: 'department_id', kind: 'uuid' },
  managerId: { column: 'manager_id', kind: 'uuid' },
} as const satisfies Record<string, { column: string; kind: 'text' | 'boolean' | 'jsonb' | 'uuid' }>;

export type WritableUserField = keyof typeof USER_COLUMNS;

/** The select list for a user, aliased by `u`. */
export const USER_SELECT = `u.id, u.external_id, u.user_name, u.display_name, u.nick_name, u.profile_url, u.title,
  u.user_type, u.given_name, u.family_name, u.middle_name, u.formatted_name, u.honorific_prefix,
  u.honorific_suffix, u.preferred_language, u.locale, u.timezone, u.active, u.emails, u.phone_numbers,
  u.addresses, u.roles, u.employee_number, u.cost_center, u.organization, u.division, u.department,
  u.department_id, u.manager_id, u.created_at, u.updated_at, u.version`;

/** The stored columns of users, for statements that write whole rows (restoring a deleted user). */
export const USER_TABLE_COLUMNS = [
  'tenant_id',
  ...USER_SELECT.split(',').map((column) => column.trim().replace(/^u\./, '')),
];

export interface UserRow {
  id: string;
  external_id: string | null;
  user_name: string;
  display_name: string | null;
  nick_name: string | null;
  profile_url: string | null;
  title: string | null;
  user_type: string | null;
  given_name: string | null;
  family_name: string | null;
  middle_name: string | null;
  formatted_name: string | null;
  honorific_prefix: string | null;
  honorific_suffix: string | null;
  preferred_language: string | null;
  locale: string | null;
  timezone: string | null;
  active: boolean;
  emails: UserRecord['emails'];
  phone_numbers: UserRecord['phoneNumbers'];
  addresses: UserRecord['addresses'];
  roles: UserRecord['roles'];
  employee_number: string | null;
  cost_center: string | null;
  organization: string | null;
  division: string | null;
  department: string | null;
  department_id: string | null;
  manager_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    externalId: row.external_id,
    userName: row.user_name,
    displayName: row.display_name,
    nickName: row.nick_name,
    profileUrl: row.profile_url,
    title: row.title,
    userType: row.user_type,
    givenName: row.given_name,
    familyName: row.family_name,
    middleName: row.middle_name,
    formattedName: row.formatted_name,
    honorificPrefix: row.honorific_prefix,
    honorificSuffix: row.honorific_suffix,
    preferredLanguage: row.preferred_language,
    locale: row.locale,
    timezone: row.timezone,
    active: row.active,
    emails: row.emails,
    phoneNumbers: row.phone_numbers,
    addresses: row.addresses,
    roles: row.roles,
    employeeNumber: row.employee_number,
    costCenter: row.cost_center,
    organization: row.organization,
    division: row.division,
    department: row.department,
    departmentId: row.department_id,
    managerId: row.manager_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}
