import type { SortKey } from '../../../platform/pagination';

export type UserSortField =
  | 'USER_NAME'
  | 'DISPLAY_NAME'
  | 'GIVEN_NAME'
  | 'FAMILY_NAME'
  | 'EMPLOYEE_NUMBER'
  | 'CREATED_AT'
  | 'UPDATED_AT'
  | 'ID';

/** Each ordering is an indexed column (see the migrations), so pages come from an index scan. */
const userSortExpressions: Record<UserSortField, Omit<SortKey, 'name' | 'descending'>> = {
  USER_NAME: { expression: 'u.user_name_key', type: 'text', unique: true },
  DISPLAY_NAME: { expression: 'u.display_name_key', type: 'text', unique: false },
  GIVEN_NAME: { expression: 'u.given_name_key', type: 'text', unique: false },
  FAMILY_NAME: { expression: 'u.family_name_key', type: 'text', unique: false },
  EMPLOYEE_NUMBER: { expression: 'u.employee_number_key', type: 'text', unique: false },
  CREATED_AT: { expression: 'u.created_at', type: 'timestamptz', unique: false },
  UPDATED_AT: { expression: 'u.updated_at', type: 'timestamptz', unique: false },
  ID: { expression: 'u.id', type: 'uuid', unique: true },
};

export function userSortKey(field: UserSortField = 'USER_NAME', descending = false): SortKey {
  return { name: `user:${field}:${descending ? 'desc' : 'asc'}`, descending, ...userSortExpressions[field] };
}
