import { Check, Entity, Index, PrimaryKey, type Ref } from '@mikro-orm/core';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { User } from './user.entity';

/**
 * One (manager, report) pair of the management tree with its depth, kept equal to the transitive
 * closure of users.manager_id by a trigger (migrations/sql). Keyed the way it is read, (manager,
 * depth, userName): "a manager's reports, nearest first, a page at a time" is an index range scan.
 */
@Entity({ tableName: 'user_reporting_lines' })
@Check({ name: 'user_reporting_lines_depth_positive', expression: 'depth > 0' })
@Index({ name: 'user_reporting_lines_user_idx', properties: ['tenant', 'user', 'depth'] })
export class UserReportingLine {
  @TenantKey('user_reporting_lines', { foreignKey: false })
  tenant!: TenantRef;

  @SameTenant(() => User, {
    column: 'manager_id',
    foreignKeyName: 'user_reporting_lines_manager_fk',
    deleteRule: 'cascade',
    primary: true,
  })
  manager!: Ref<User>;

  @SameTenant(() => User, { column: 'user_id', foreignKeyName: 'user_reporting_lines_user_fk', deleteRule: 'cascade' })
  user!: Ref<User>;

  @PrimaryKey({ type: 'integer' })
  depth!: number;

  /** The report's lower-cased userName, so a page of reports reads in index order. */
  @PrimaryKey({ type: 'text' })
  userSortKey!: string;
}
