import type { GraphQLResolveInfo } from 'graphql';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { SelectionPaths } from '../selection';
import { readsDecorator, SelectedColumns } from '../record-columns';
import { USERS, type UserRecord } from '../../../domain/directory/users/user.record';

/**
 * Declares what a User field resolver reads of the user it resolves, so that list fields read no
 * more columns than their selection needs (record-columns.ts).
 */
export const ReadsUser = readsDecorator<UserRecord>();

const USER_COLUMNS = new SelectedColumns('User', USERS);

/** The user attributes the User fields selected at `paths` below the current field read (record-columns.ts). */
export function userColumnsOf(info: GraphQLResolveInfo, paths: SelectionPaths): ColumnChoice<UserRecord> {
  return USER_COLUMNS.of(info, paths);
}
