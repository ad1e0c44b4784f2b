import type { GraphQLResolveInfo } from 'graphql';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { SelectionPaths } from '../selection';
import { readsDecorator, SelectedColumns } from '../record-columns';
import { GROUPS, type GroupRecord } from '../../../domain/directory/groups/group.record';

/** Declares what a Group field resolver reads of its group (record-columns.ts). */
export const ReadsGroup = readsDecorator<GroupRecord>();

const GROUP_COLUMNS = new SelectedColumns('Group', GROUPS);

/** The group attributes the Group fields selected at `paths` read (record-columns.ts). */
export function groupColumnsOf(info: GraphQLResolveInfo, paths: SelectionPaths): ColumnChoice<GroupRecord> {
  return GROUP_COLUMNS.of(info, paths);
}
