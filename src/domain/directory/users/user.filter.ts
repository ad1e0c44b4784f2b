import { and, FALSE, fragment, type Fragment } from '../../../platform/db/sql-fragment';
import { InvalidInputError } from '../../../platform/errors';
import { MAX_ORG_DEPTH } from '../org-chart/org-depth';
import { isUuid } from '../../../platform/ids';
import { transitiveUserMembersSql } from '../shared/hierarchy-sql';
import {
  compileBooleanTree,
  compileDateTimeCondition,
  compileIdCondition,
  compileStringCondition,
  stringColumn,
  type DateTimeCondition,
  type StringColumn,
  type IdCondition,
  type StringCondition,
} from '../shared/conditions';

/** Which users to return. All given conditions must hold; `and`, `or` and `not` combine filters. */
export interface UserFilter {
  and?: UserFilter[] | null;
  or?: UserFilter[] | null;
  not?: UserFilter | null;
  id?: IdCondition | null;
  externalId?: StringCondition | null;
  userName?: StringCondition | null;
  displayName?: StringCondition | null;
  givenName?: StringCondition | null;
  familyName?: StringCondition | null;
  middleName?: StringCondition | null;
  formattedName?: StringCondition | null;
  nickName?: StringCondition | null;
  title?: StringCondition | null;
  userType?: StringCondition | null;
  preferredLanguage?: StringCondition | null;
  locale?: StringCondition | null;
  timezone?: StringCondition | null;
  profileUrl?: StringCondition | null;
  employeeNumber?: StringCondition | null;
  costCenter?: StringCondition | null;
  organization?: StringCondition | null;
  division?: StringCondition | null;
  /** The department name as it was given to the user. */
  departmentName?: StringCondition | null;
  departmentId?: IdCondition | null;
  managerId?: IdCondition | null;
  active?: boolean | null;
  /** Any of the user's email addresses. */
  email?: StringCondition | null;
  emails?: MultiValueFilter | null;
  phoneNumbers?: MultiValueFilter | null;
  roles?: MultiValueFilter | null;
  addresses?: AddressFilter | null;
  memberOf?: MemberOfCondition | null;
  reportsTo?: ReportsToCondition | null;
  createdAt?: DateTimeCondition | null;
  updatedAt?: DateTimeCondition | null;
}

/** Holds when one element of a multi-valued attribute satisfies every condition. */
export interface MultiValueFilter {
  and?: MultiValueFilter[] | null;
  or?: MultiValueFilter[] | null;
  not?: MultiValueFilter | null;
  value?: StringCondition | null;
  type?: StringCondition | null;
  display?: StringCondition | null;
  primary?: boolean | null;
}

export interface AddressFilter {
  and?: AddressFilter[] | null;
  or?: AddressFilter[] | null;
  not?: AddressFilter | null;
  type?: StringCondition | null;
  formatted?: StringCondition | null;
  streetAddress?: StringCondition | null;
  locality?: StringCondition | null;
  region?: StringCondition | null;
  postalCode?: StringCondition | null;
  country?: StringCondition | null;
  primary?: boolean | null;
}

/** Under a manager: directly, or (transitive) anywhere below down to maxDepth levels. */
export interface ReportsToCondition {
  managerId: string;
  transitive?: boolean | null;
  maxDepth?: number | null;
}

export interface MemberOfCondition {
  groupId: string;
  transitive?: boolean | null;
}

/**
 * The text attributes a filter may name. Indexed ones compare through their stored lower-cased
 * key column (plain `=`, which row-level security lets an index serve); the others through
 * lower() on the column itself.
 */
const stringFields: Array<[keyof UserFilter & string, StringColumn]> = [
  ['externalId', { column: 'u.external_id', key: 'u.external_id_key' }],
  ['userName', { column: 'u.user_name', key: 'u.user_name_key' }],
  ['displayName', { column: 'u.display_name', key: 'u.display_name_key' }],
  ['givenName', { column: 'u.given_name', key: 'u.given_name_key' }],
  ['familyName', { column: 'u.family_name', key: 'u.family_name_key' }],
  ['employeeNumber', { column: 'u.employee_number', key: 'u.employee_number_key' }],
  ['middleName', stringColumn('u.middle_name', { nullable: true })],
  ['formattedName', stringColumn('u.formatted_name', { nullable: true })],
  ['nickName', stringColumn('u.nick_name', { nullable: true })],
  ['title', stringColumn('u.title', { nullable: true })],
  ['userType', stringColumn('u.user_type', { nullable: true })],
  ['preferredLanguage', stringColumn('u.preferred_language', { nullable: true })],
  ['locale', stringColumn('u.locale', { nullable: true })],
  ['timezone', stringColumn('u.timezone', { nullable: true })],
  ['profileUrl', stringColumn('u.profile_url', { nullable: true })],
  ['costCenter', stringColumn('u.cost_center', { nullable: true })],
  ['organization', stringColumn('u.organization', { nullable: true })],
  ['division', stringColumn('u.division', { nullable: true })],
  ['departmentName', stringColumn('u.department', { nullable: true })],
];

export function compileUserFilter(filter: UserFilter | null | undefined): Fragment {
  if (!filter) return fragment('true');
  return compileBooleanTree(filter, userConditions, compileUserFilter);
}

function userConditions(filter: UserFilter): Fragment[] {
  const parts: Fragment[] = [];
  if (filter.id) parts.push(compileIdCondition('u.id', filter.id));
  for (const [field, column] of stringFields) {
    const condition = filter[field] as StringCondition | null | undefined;
    if (condition) parts.push(compileStringCondition(column, condition));
  }
  if (filter.departmentId) parts.push(compileIdCondition('u.department_id', filter.departmentId));
  if (filter.managerId) parts.push(compileIdCondition('u.manager_id', filter.managerId));
  if (filter.active != null) parts.push(fragment('u.active = ?', filter.active));
  if (filter.email) parts.push(anyEmail(filter.email));
  if (filter.emails) parts.push(someElement('u.emails', filter.emails, compileMultiValueFilter, filter.emails.value));
  if (filter.phoneNumbers) parts.push(someElement('u.phone_numbers', filter.phoneNumbers, compileMultiValueFilter));
  if (filter.roles) parts.push(someElement('u.roles', filter.roles, compileMultiValueFilter));
  if (filter.addresses) parts.push(someElement('u.addresses', filter.addresses, compileAddressFilter));
  if (filter.memberOf) parts.push(memberOf(filter.memberOf));
  if (filter.reportsTo) parts.push(reportsTo(filter.reportsTo));
  if (filter.createdAt) parts.push(compileDateTimeCondition('u.created_at', filter.createdAt));
  if (filter.updatedAt) parts.push(compileDateTimeCondition('u.updated_at', filter.updatedAt));
  return parts;
}

function anyEmail(condition: StringCondition): Fragment {
  return someElement('u.emails', { value: condition }, compileMultiValueFilter, condition);
}

/**
 * EXISTS over the elements of a jsonb array. When an email must equal something, user_emails (an
 * index on the lower-cased address) narrows the users first.
 */
function someElement<F>(
  column: string,
  filter: F,
  compileElement: (filter: F) => Fragment,
  valueCondition?: StringCondition | null,
): Fragment {
  const element = compileElement(filter);
  const exists = {
    text: `exists (select 1 from jsonb_array_elements(${column}) as item where ${element.text})`,
    params: element.params,
  };
  const address = valueCondition?.eq;
  if (column === 'u.emails' && address != null && !address.includes('\u0000')) {
    return and([
      fragment(
        'u.id in (select e.user_id from user_emails e where e.tenant_id = directory_current_tenant() and e.value_key = lower(?))',
        address,
      ),
      exists,
    ]);
  }
  return exists;
}

const elementText = (key: string) => stringColumn(`(item->>'${key}')`, { nullable: true });

function compileMultiValueFilter(filter: MultiValueFilter): Fragment {
  return compileBooleanTree(
    filter,
    (f) => {
      const parts: Fragment[] = [];
      for (const key of ['value', 'type', 'display'] as const) {
        const condition = f[key];
        if (condition) parts.push(compileStringCondition(elementText(key), condition));
      }
      if (f.primary != null) parts.push(fragment(`coalesce((item->>'primary')::boolean, false) = ?`, f.primary));
      return parts;
    },
    compileMultiValueFilter,
  );
}

function compileAddressFilter(filter: AddressFilter): Fragment {
  return compileBooleanTree(
    filter,
    (f) => {
      const parts: Fragment[] = [];
      for (const key of [
        'type',
        'formatted',
        'streetAddress',
        'locality',
        'region',
        'postalCode',
        'country',
      ] as const) {
        const condition = f[key];
        if (condition) parts.push(compileStringCondition(elementText(key), condition));
      }
      if (f.primary != null) parts.push(fragment(`coalesce((item->>'primary')::boolean, false) = ?`, f.primary));
      return parts;
    },
    compileAddressFilter,
  );
}

function memberOf(condition: MemberOfCondition): Fragment {
  if (!isUuid(condition.groupId)) return FALSE;
  if (!condition.transitive) {
    return fragment(
      'exists (select 1 from group_members gm where gm.tenant_id = u.tenant_id and gm.group_id = ?::uuid and gm.member_id = u.id)',
      condition.groupId,
    );
  }
  return fragment(`u.id in (${transitiveUserMembersSql('?::uuid')})`, condition.groupId);
}

function reportsTo(condition: ReportsToCondition): Fragment {
  if (!isUuid(condition.managerId)) return FALSE;
  if (!condition.transitive) return fragment('u.manager_id = ?::uuid', condition.managerId);
  const maxDepth = condition.maxDepth ?? MAX_ORG_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_ORG_DEPTH) {
    throw new InvalidInputError(`reportsTo.maxDepth must be between 1 and ${MAX_ORG_DEPTH}.`, [
      'filter',
      'reportsTo',
      'maxDepth',
    ]);
  }
  return fragment(
    `exists (select 1 from user_reporting_lines l
              where l.tenant_id = u.tenant_id and l.manager_id = ?::uuid and l.user_id = u.id and l.depth <= ?)`,
    condition.managerId,
    maxDepth,
  );
}
