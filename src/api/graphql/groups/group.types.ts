import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, OrderDirection } from '../types/connection';
import { DateTimeFilter, IdFilter, StringFilter } from '../types/filters';
import { UserError } from '../types/user-error';
import { UserType } from '../users/user.types';
import type { GroupFilter, GroupMemberCondition, GroupSortField } from '../../../domain/directory/groups/group.filter';

@ObjectType('Group', {
  description: 'A group of users and other groups, usually provisioned by Microsoft Entra ID.',
  simpleResolvers: true,
})
export class GroupType {
  @Field(() => ID, { description: 'Stable id (a UUID); the SCIM id Entra keeps for this group.' })
  id!: string;

  @Field(() => String, { nullable: true, description: "The identity provider's id for the group." })
  externalId!: string | null;

  @Field({ description: 'Name, unique within the tenant ignoring case (Entra matches groups by it).' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  description!: string | null;

  @Field({ description: 'When the group was created.' })
  createdAt!: Date;

  @Field({ description: 'When the group or its member list last changed.' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change, including member changes.' })
  version!: number;
}

export const GroupMember = createUnionType({
  name: 'GroupMember',
  description: 'A member of a group: a user or a nested group.',
  types: () => [UserType, GroupType] as const,
  resolveType: (value) => ('userName' in value ? UserType : GroupType),
});

export const GroupConnection = Connection(GroupType, 'Group', 'group');
export const GroupMemberConnection = Connection(GroupMember, 'GroupMember', 'group member');

export enum MemberTypeFilter {
  USER = 'user',
  GROUP = 'group',
}
registerEnumType(MemberTypeFilter, {
  name: 'MemberType',
  description: 'The kind of a group member.',
  valuesConfig: { USER: { description: 'Users only.' }, GROUP: { description: 'Nested groups only.' } },
});

export enum GroupOrderField {
  DISPLAY_NAME = 'DISPLAY_NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  ID = 'ID',
}
registerEnumType(GroupOrderField, {
  name: 'GroupOrderField',
  description: 'What to sort groups by.',
  valuesConfig: {
    DISPLAY_NAME: { description: 'displayName, ignoring case.' },
    CREATED_AT: { description: 'Creation time.' },
    UPDATED_AT: { description: 'Time of the last change.' },
    ID: { description: 'id.' },
  },
});

@InputType({ description: 'How to sort groups.' })
export class GroupOrder {
  @Field(() => GroupOrderField, { description: 'The attribute to sort by.' })
  field!: GroupOrderField & GroupSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  direction!: OrderDirection;
}

@InputType({ description: 'Holds when one direct member satisfies every condition.' })
export class GroupMemberFilterInput implements GroupMemberCondition {
  @Field(() => IdFilter, { nullable: true, description: "The member's id." })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The member\'s kind: "User" or "Group".' })
  type?: StringFilter | null;
}

@InputType({
  description: 'Which groups to return. All given conditions must hold; combine filters with and, or and not.',
})
export class GroupFilterInput implements GroupFilter {
  @Field(() => [GroupFilterInput], { nullable: true, description: 'All of these hold.' })
  and?: GroupFilterInput[] | null;

  @Field(() => [GroupFilterInput], { nullable: true, description: 'At least one of these holds.' })
  or?: GroupFilterInput[] | null;

  @Field(() => GroupFilterInput, { nullable: true, description: 'This does not hold.' })
  not?: GroupFilterInput | null;

  @Field(() => IdFilter, { nullable: true, description: 'id.' })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'externalId.' })
  externalId?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'displayName.' })
  displayName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'description.' })
  description?: StringFilter | null;

  @Field(() => GroupMemberFilterInput, { nullable: true, description: 'Has a direct member matching this.' })
  members?: GroupMemberFilterInput | null;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter | null;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Time of the last change.' })
  updatedAt?: DateTimeFilter | null;
}

@InputType({ description: 'A new group.' })
export class GroupCreateInput {
  @Field({ description: 'Name, unique within the tenant ignoring case.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: "The identity provider's id for the group." })
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  description?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Initial members: ids of users or groups.' })
  memberIds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Leave out member ids that name no user or group (they come back in skippedMemberIds) instead of failing. Default false.',
  })
  skipUnknownMembers?: boolean | null;
}

@InputType({ description: 'Changes to a group. Omitted fields stay as they are; null clears a field.' })
export class GroupUpdateInput {
  @Field(() => ID, { description: 'The group to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Only change the group if it is still at this version.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "The identity provider's id." })
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  description?: string | null;
}

@InputType({ description: 'The group to delete.' })
export class GroupDeleteInput {
  @Field(() => ID, { description: 'The group to delete; its memberships (both ways) go with it.' })
  id!: string;
}

@InputType({ description: 'Members to add to, remove from, or set on a group.' })
export class GroupMembersInput {
  @Field(() => ID, { description: 'The group.' })
  groupId!: string;

  @Field(() => [ID], {
    description: 'Ids of users or groups. Adding a present member or removing an absent one changes nothing.',
  })
  memberIds!: string[];

  @Field(() => Int, { nullable: true, description: 'Only change the group if it is still at this version.' })
  expectedVersion?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Adding or setting: leave out ids that name no user or group (they come back in skippedMemberIds) instead of failing. Default false.',
  })
  skipUnknownMembers?: boolean | null;
}

@ObjectType({ description: 'The result of groupCreate or groupUpdate.', simpleResolvers: true })
export class GroupPayload {
  @Field(() => GroupType, {
    nullable: true,
    description: 'The group after the change; null when userErrors say why not.',
  })
  group!: GroupType | null;

  @Field(() => [String], {
    description: 'groupCreate with skipUnknownMembers: the member ids left out because they name nothing.',
  })
  skippedMemberIds!: string[];

  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of groupDelete.', simpleResolvers: true })
export class GroupDeletePayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted group; null when userErrors say why not.' })
  deletedGroupId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing was deleted; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of a member change.', simpleResolvers: true })
export class GroupMembersPayload {
  @Field(() => GroupType, {
    nullable: true,
    description: 'The group after the change; null when userErrors say why not.',
  })
  group!: GroupType | null;

  @Field(() => [ID], { description: 'Members that were added (not those that already were members).' })
  addedMemberIds!: string[];

  @Field(() => [ID], { description: 'Members that were removed (not those that were not members).' })
  removedMemberIds!: string[];

  @Field(() => [String], {
    description: 'With skipUnknownMembers: the ids left out because they name no user or group.',
  })
  skippedMemberIds!: string[];

  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}
