import { and, fragment, type Fragment } from '../../../platform/db/sql-fragment';
import {
  compileBooleanTree,
  compileDateTimeCondition,
  compileIdCondition,
  compileStringCondition,
  stringColumn,
  type DateTimeCondition,
  type IdCondition,
  type StringCondition,
} from '../shared/conditions';
import type { SortKey } from '../../../platform/pagination';

export interface GroupFilter {
  and?: GroupFilter[] | null;
  or?: GroupFilter[] | null;
  not?: GroupFilter | null;
  id?: IdCondition | null;
  externalId?: StringCondition | null;
  displayName?: StringCondition | null;
  description?: StringCondition | null;
  /** Holds when one member satisfies the condition. */
  members?: GroupMemberCondition | null;
  createdAt?: DateTimeCondition | null;
  updatedAt?: DateTimeCondition | null;
}

export interface GroupMemberCondition {
  id?: IdCondition | null;
  /** "User" or "Group". */
  type?: StringCondition | null;
}

export function compileGroupFilter(filter: GroupFilter | null | undefined): Fragment {
  if (!filter) return fragment('true');
  return compileBooleanTree(
    filter,
    (f) => {
      const parts: Fragment[] = [];
      if (f.id) parts.push(compileIdCondition('g.id', f.id));
      if (f.externalId)
        parts.push(compileStringCondition({ column: 'g.external_id', key: 'g.external_id_key' }, f.externalId));
      if (f.displayName)
        parts.push(compileStringCondition({ column: 'g.display_name', key: 'g.display_name_key' }, f.displayName));
      if (f.description)
        parts.push(compileStringCondition(stringColumn('g.description', { nullable: true }), f.description));
      if (f.members) parts.push(someMember(f.members));
      if (f.createdAt) parts.push(compileDateTimeCondition('g.created_at', f.createdAt));
      if (f.updatedAt) parts.push(compileDateTimeCondition('g.updated_at', f.updatedAt));
      return parts;
    },
    compileGroupFilter,
  );
}

function someMember(condition: GroupMemberCondition): Fragment {
  const parts: Fragment[] = [];
  if (condition.id) parts.push(compileIdCondition('gm.member_id', condition.id));
  if (condition.type) {
    parts.push(
      compileStringCondition(
        {
          column: "(case when gm.member_user_id is not null then 'User' else 'Group' end)",
          key: "(case when gm.member_user_id is not null then 'user' else 'group' end)",
        },
        condition.type,
      ),
    );
  }
  const inner = and(parts);
  return {
    text: `exists (select 1 from group_members gm where gm.tenant_id = g.tenant_id and gm.group_id = g.id and ${inner.text})`,
    params: inner.params,
  };
}

export type GroupSortField = 'DISPLAY_NAME' | 'CREATED_AT' | 'UPDATED_AT' | 'ID';

const groupSortExpressions: Record<GroupSortField, Omit<SortKey, 'name' | 'descending'>> = {
  DISPLAY_NAME: { expression: 'g.display_name_key', type: 'text', unique: true },
  CREATED_AT: { expression: 'g.created_at', type: 'timestamptz', unique: false },
  UPDATED_AT: { expression: 'g.updated_at', type: 'timestamptz', unique: false },
  ID: { expression: 'g.id', type: 'uuid', unique: true },
};

export function groupSortKey(field: GroupSortField = 'DISPLAY_NAME', descending = false): SortKey {
  return { name: `group:${field}:${descending ? 'desc' : 'asc'}`, descending, ...groupSortExpressions[field] };
}
