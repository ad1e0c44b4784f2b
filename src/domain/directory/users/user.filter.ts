import { and, FALSE, fragment, type Fragment } from '../../../platform/db/sql-fragment';
import type { Sql } from '../../../platform/db/tenant-transaction';
import { findDeclarations } from '../extensions/extension-attribute.service';
import { valueKey, type ExtensionAttributeRecord } from '../extensions/extension-attribute.record';
import { undeclaredAttribute } from '../extensions/extension-attribute.validation';
import { compileExtensionCondition, type ExtensionAttributeCondition } from '../extensions/extension-attribute.filter';
import { InvalidInputError } from '../../../platform/errors';
import { MAX_ORG_DEPTH } from '../shared/org-depth';
import { USERS, type UserRecord } from './user.record';
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

/** The user's text attributes: each can be filtered with a StringCondition of the same name. */
type TextAttribute = {
  [K in keyof UserRecord]-?: UserRecord[K] extends string | null ? K : never;
}[Exclude<keyof UserRecord, 'id' | 'managerId' | 'departmentId' | DateTimeAttribute>];

/** Date-times kept as written, compared by their stored instant (USERS.instantOf). */
type DateTimeAttribute = 'startDate' | 'leaveDate';

/** Which users to return. All given conditions must hold; `and`, `or` and `not` combine filters. */
export type UserFilter = { [K in TextAttribute]?: StringCondition | null } & {
  and?: UserFilter[] | null;
  or?: UserFilter[] | null;
  not?: UserFilter | null;
  id?: IdCondition | null;
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
  startDate?: DateTimeCondition | null;
  leaveDate?: DateTimeCondition | null;
  /** Conditions on declared extension attributes; all must hold. */
  extensionAttributes?: ExtensionAttributeCondition[] | null;
};

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
 * Every text attribute of the entity. Those with a stored lower-cased key column compare through
 * it (plain `=`, which row-level security lets an index serve); the others through lower() on the
 * column itself.
 */
const stringFields: Array<[TextAttribute, StringColumn]> = USERS.columns
  .filter((column) => column.kind === 'text' && USERS.instantOf(column.key as TextAttribute) === undefined)
  .map(({ key }) => {
    const field = key as TextAttribute;
    const column = USERS.column(field);
    const lookupKey = USERS.lookupKey(field);
    return [field, lookupKey ? { column, key: lookupKey } : stringColumn(column, { nullable: true })];
  });

/** Date-times kept as text, by their stored instant; -infinity there means no value. */
const dateTimeFields: Array<[DateTimeAttribute, string]> = USERS.columns.flatMap(({ key }) => {
  const instant = USERS.instantOf(key as keyof UserRecord & string);
  return instant === undefined ? [] : [[key as DateTimeAttribute, instant] as [DateTimeAttribute, string]];
});

/** Declarations of the extension attributes a filter names, by lower-cased `<schema>:<name>`. */
export type DeclaredAttributes = ReadonlyMap<string, ExtensionAttributeRecord>;

/**
 * The SQL of a filter. Conditions on extension attributes need their declarations (their type
 * says which column compares); compileUserFilterIn looks them up.
 */
export function compileUserFilter(
  filter: UserFilter | null | undefined,
  declared: DeclaredAttributes = new Map(),
): Fragment {
  if (!filter) return fragment('true');
  return compileBooleanTree(
    filter,
    (f) => userConditions(f, declared),
    (f) => compileUserFilter(f, declared),
  );
}

/** compileUserFilter, with the declarations of the extension attributes it names (one statement, only when it names some). */
export async function compileUserFilterIn(sql: Sql, filter: UserFilter | null | undefined): Promise<Fragment> {
  const named = extensionAttributesIn(filter);
  if (named.length === 0) return compileUserFilter(filter);
  const declared = await findDeclarations(sql, named);
  for (const name of named) if (!declared.has(valueKey(name).toLowerCase())) throw undeclaredAttribute(name);
  return compileUserFilter(filter, declared);
}

/** Every extension attribute condition in a filter, nested ones included. */
function extensionAttributesIn(filter: UserFilter | null | undefined): ExtensionAttributeCondition[] {
  if (!filter) return [];
  return [
    ...(filter.extensionAttributes ?? []),
    ...(filter.and ?? []).flatMap(extensionAttributesIn),
    ...(filter.or ?? []).flatMap(extensionAttributesIn),
    ...extensionAttributesIn(filter.not),
  ];
}

function userConditions(filter: UserFilter, declared: DeclaredAttributes): Fragment[] {
  const parts: Fragment[] = [];
  if (filter.id) parts.push(compileIdCondition('u.id', filter.id));
  for (const [field, column] of stringFields) {
    const condition = filter[field];
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
  for (const [field, instant] of dateTimeFields) {
    const condition = filter[field];
    if (condition)
      parts.push(and([fragment(`${instant} > '-infinity'`), compileDateTimeCondition(instant, condition)]));
  }
  for (const condition of filter.extensionAttributes ?? []) {
    const attribute = declared.get(valueKey(condition).toLowerCase());
    if (!attribute) throw undeclaredAttribute(condition);
    parts.push(compileExtensionCondition(attribute, condition));
  }
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
