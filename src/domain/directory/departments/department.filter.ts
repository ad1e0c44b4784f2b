import { fragment, type Fragment } from '../../../platform/db/sql-fragment';
import {
  compileBooleanTree,
  compileDateTimeCondition,
  compileIdCondition,
  compileStringCondition,
  type DateTimeCondition,
  type IdCondition,
  type StringCondition,
} from '../shared/conditions';
import type { SortKey } from '../../../platform/pagination';

export interface DepartmentFilter {
  and?: DepartmentFilter[] | null;
  or?: DepartmentFilter[] | null;
  not?: DepartmentFilter | null;
  id?: IdCondition | null;
  name?: StringCondition | null;
  parentId?: IdCondition | null;
  headUserId?: IdCondition | null;
  createdAt?: DateTimeCondition | null;
  updatedAt?: DateTimeCondition | null;
}

export function compileDepartmentFilter(filter: DepartmentFilter | null | undefined): Fragment {
  if (!filter) return fragment('true');
  return compileBooleanTree(
    filter,
    (f) => {
      const parts: Fragment[] = [];
      if (f.id) parts.push(compileIdCondition('d.id', f.id));
      if (f.name) parts.push(compileStringCondition({ column: 'd.name', key: 'd.name_key' }, f.name));
      if (f.parentId) parts.push(compileIdCondition('d.parent_id', f.parentId));
      if (f.headUserId) parts.push(compileIdCondition('d.head_user_id', f.headUserId));
      if (f.createdAt) parts.push(compileDateTimeCondition('d.created_at', f.createdAt));
      if (f.updatedAt) parts.push(compileDateTimeCondition('d.updated_at', f.updatedAt));
      return parts;
    },
    compileDepartmentFilter,
  );
}

export type DepartmentSortField = 'NAME' | 'CREATED_AT' | 'UPDATED_AT';

const departmentSortExpressions: Record<DepartmentSortField, Omit<SortKey, 'name' | 'descending'>> = {
  NAME: { expression: 'd.name_key', type: 'text', unique: true },
  CREATED_AT: { expression: 'd.created_at', type: 'timestamptz', unique: false },
  UPDATED_AT: { expression: 'd.updated_at', type: 'timestamptz', unique: false },
};

export function departmentSortKey(field: DepartmentSortField = 'NAME', descending = false): SortKey {
  return {
    name: `department:${field}:${descending ? 'desc' : 'asc'}`,
    descending,
    ...departmentSortExpressions[field],
  };
}
