import type { SortKey } from '../../../platform/pagination';
import { assertUuid } from '../../../platform/ids';
import type { ExtensionAttributeRecord } from '../extensions/extension-attribute.record';

export type UserSortField =
  | 'USER_NAME'
  | 'DISPLAY_NAME'
  | 'GIVEN_NAME'
  | 'FAMILY_NAME'
  | 'EMPLOYEE_NUMBER'
  | 'CREATED_AT'
  | 'UPDATED_AT'
  | 'START_DATE'
  | 'LEAVE_DATE'
  | 'EXTENSION_ATTRIBUTE'
  | 'ID';

/** Each ordering is an indexed column (see the migrations), so pages come from an index scan. */
const userSortExpressions: Record<
  Exclude<UserSortField, 'EXTENSION_ATTRIBUTE'>,
  Omit<SortKey, 'name' | 'descending'>
> = {
  USER_NAME: { expression: 'u.user_name_key', type: 'text', unique: true },
  DISPLAY_NAME: { expression: 'u.display_name_key', type: 'text', unique: false },
  GIVEN_NAME: { expression: 'u.given_name_key', type: 'text', unique: false },
  FAMILY_NAME: { expression: 'u.family_name_key', type: 'text', unique: false },
  EMPLOYEE_NUMBER: { expression: 'u.employee_number_key', type: 'text', unique: false },
  CREATED_AT: { expression: 'u.created_at', type: 'timestamptz', unique: false },
  UPDATED_AT: { expression: 'u.updated_at', type: 'timestamptz', unique: false },
  // Users without the date come first (-infinity), so that keyset pages can order by it.
  START_DATE: { expression: 'u.start_date_instant', type: 'timestamptz', unique: false },
  LEAVE_DATE: { expression: 'u.leave_date_instant', type: 'timestamptz', unique: false },
  ID: { expression: 'u.id', type: 'uuid', unique: true },
};

export function userSortKey(
  field: Exclude<UserSortField, 'EXTENSION_ATTRIBUTE'> = 'USER_NAME',
  descending = false,
): SortKey {
  return { name: `user:${field}:${descending ? 'desc' : 'asc'}`, descending, ...userSortExpressions[field] };
}

/**
 * By a declared extension attribute: its typed value, looked up per user through the primary key
 * of user_extension_values (users without a value first). The page is sorted, not read in index
 * order: filter first where the tenant is large.
 */
export function extensionSortKey(attribute: ExtensionAttributeRecord, descending: boolean): SortKey {
  const value = (column: string, missing: string) =>
    `coalesce((select v.${column} from user_extension_values v
                where v.tenant_id = u.tenant_id and v.user_id = u.id and v.attribute_id = '${assertUuid(attribute.id, ['orderBy'])}'::uuid), ${missing})`;
  const byType: Record<ExtensionAttributeRecord['type'], Pick<SortKey, 'expression' | 'type'>> = {
    string: { expression: value(attribute.caseExact ? 'exact_text' : 'text_key', "''"), type: 'text' },
    boolean: { expression: value('text_key', "''"), type: 'text' },
    integer: { expression: value('number_value', "'-Infinity'::numeric"), type: 'numeric' },
    decimal: { expression: value('number_value', "'-Infinity'::numeric"), type: 'numeric' },
    date_time: { expression: value('time_value', "'-infinity'::timestamptz"), type: 'timestamptz' },
  };
  return {
    name: `user:EXTENSION:${attribute.id}:${descending ? 'desc' : 'asc'}`,
    descending,
    unique: false,
    ...byType[attribute.type],
  };
}
