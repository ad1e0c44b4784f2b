import { Check, Entity, Index, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Group } from './group.entity';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { User } from './user.entity';

/**
 * A member of a group: a user or a group. Two nullable references keep real foreign keys (deleting
 * either side removes the membership); memberId, computed by PostgreSQL, is the one key for set
 * semantics and paging.
 */
@Entity({ tableName: 'group_members' })
@Check({ name: 'group_members_one_member', expression: 'num_nonnulls(member_user_id, member_group_id) = 1' })
@Check({ name: 'group_members_not_self', expression: 'member_group_id <> group_id' })
@Index({ name: 'group_members_member_idx', properties: ['tenant', 'memberId', 'group'] })
@Index({
  name: 'group_members_member_group_idx',
  expression:
    'create index group_members_member_group_idx on group_members (tenant_id, member_group_id) where member_group_id is not null',
})
export class GroupMember {
  [OptionalProps]?: 'createdAt' | 'memberId';

  @TenantKey('group_members', { foreignKey: false })
  tenant!: TenantRef;

  @SameTenant(() => Group, {
    column: 'group_id',
    foreignKeyName: 'group_members_group_fk',
    deleteRule: 'cascade',
    primary: true,
  })
  group!: Ref<Group>;

  @SameTenant(() => User, {
    column: 'member_user_id',
    foreignKeyName: 'group_members_user_fk',
    deleteRule: 'cascade',
    nullable: true,
  })
  memberUser!: Ref<User> | null;

  @SameTenant(() => Group, {
    column: 'member_group_id',
    foreignKeyName: 'group_members_member_group_fk',
    deleteRule: 'cascade',
    nullable: true,
  })
  memberGroup!: Ref<Group> | null;

  @PrimaryKey({ type: 'uuid', generated: '(coalesce(member_user_id, member_group_id)) stored' })
  memberId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
