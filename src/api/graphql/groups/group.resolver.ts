import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { selectsField } from '../selection';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { OrderDirection, toConnection, type ConnectionValue } from '../types/connection';
import { ConnectionArgs, ListArgs } from '../types/list-args';
import { userById, userCountOf, usersOf } from '../users/user.loaders';
import { userColumnsOf } from '../users/user-columns';
import { CONNECTION_NODES } from '../record-columns';
import { ReadsGroup, groupColumnsOf } from './group-columns';
import { toUserOrder } from '../users/user-order';
import { UserConnection, UserFilterInput, UserOrder } from '../users/user.types';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { MembershipResult } from '../../../domain/directory/groups/group.service';
import { groupById, groupsOf, memberCountOf, membersOf } from './group.loaders';
import type { GroupRecord } from '../../../domain/directory/groups/group.record';
import {
  GroupConnection,
  GroupCreateInput,
  GroupDeleteInput,
  GroupDeletePayload,
  GroupFilterInput,
  GroupMemberConnection,
  GroupMembersInput,
  GroupMembersPayload,
  GroupOrder,
  GroupPayload,
  GroupType,
  GroupUpdateInput,
  MemberTypeFilter,
} from './group.types';

@Resolver(() => GroupType)
export class GroupResolver {
  @Authorized('read')
  @Query(() => GroupType, { nullable: true, description: 'A group by id; null when there is none.' })
  group(@Arg('id', () => ID, { description: 'The group id.' }) id: string, @Ctx() context: GraphQLContext) {
    return groupById(context).load(id);
  }

  @Authorized('read')
  @Query(() => GroupConnection, { description: 'Groups, filtered, searched and sorted, a page at a time.' })
  async groups(
    @Args() { first, after, offset }: ListArgs,
    @Arg('filter', () => GroupFilterInput, { nullable: true, description: 'Which groups to return.' })
    filter: GroupFilterInput | null,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Type-ahead search: every word must occur in the displayName, ignoring case and accents. Without orderBy, names starting with the first word come first.',
    })
    search: string | null,
    @Arg('orderBy', () => GroupOrder, {
      nullable: true,
      description: 'Sort order; by displayName (or relevance when searching) when omitted.',
    })
    orderBy: GroupOrder | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const order = orderBy ? { field: orderBy.field, descending: orderBy.direction === OrderDirection.DESC } : undefined;
    if (search != null && search.trim() !== '') {
      const page = await context.groups.search(search, filter, order, { first, after, offset });
      return toConnection(page, () => context.groups.searchCount(search, filter));
    }
    const page = await context.groups.list(
      filter,
      order,
      { first, after, offset },
      { withTotal: selectsField(info, 'totalCount') },
    );
    return toConnection(page, () => context.groups.count(filter));
  }

  @FieldResolver(() => GroupMemberConnection, {
    description: 'The direct members: users and nested groups, ordered by id.',
  })
  @ReadsGroup()
  async members(
    @Root() group: GroupRecord,
    @Args() { first, after }: ConnectionArgs,
    @Arg('type', () => MemberTypeFilter, { nullable: true, description: 'Only users, or only groups.' })
    type: MemberTypeFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionValue<UserRecord | GroupRecord>> {
    const references = await membersOf(context, { memberType: type, page: { first, after } }).load(group.id);
    const nodes = await Promise.all(
      references.nodes.map((member) =>
        member.memberType === 'user'
          ? userById(context).load(member.memberId)
          : groupById(context).load(member.memberId),
      ),
    );
    const edges = references.edges
      .map((edge, index) => ({ cursor: edge.cursor, node: nodes[index] }))
      .filter((edge): edge is { cursor: string; node: UserRecord | GroupRecord } => edge.node !== undefined);
    return { ...references, edges, nodes: edges.map((edge) => edge.node) };
  }

  @FieldResolver(() => GroupConnection, {
    description: 'The groups this group is in, by name: directly, or with transitive also through nested groups.',
  })
  @ReadsGroup()
  memberOf(
    @Root() group: GroupRecord,
    @Args() { first, after }: ConnectionArgs,
    @Arg('transitive', () => Boolean, { defaultValue: false, description: 'Also groups that contain those groups.' })
    transitive: boolean,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = groupColumnsOf(info, CONNECTION_NODES);
    return groupsOf(context, { transitive, page: { first, after }, columns }).load(group.id);
  }

  @FieldResolver(() => UserConnection, {
    description: 'The users in this group, directly or through nested groups (each user once).',
  })
  @ReadsGroup()
  transitiveMembers(
    @Root() group: GroupRecord,
    @Args() { first, after }: ConnectionArgs,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Which users to return.' })
    filter: UserFilterInput | null,
    @Arg('orderBy', () => UserOrder, { nullable: true, description: 'Sort order; by userName when omitted.' })
    orderBy: UserOrder | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = userColumnsOf(info, CONNECTION_NODES);
    return usersOf(context, 'groupTransitive', {
      filter,
      order: toUserOrder(orderBy),
      page: { first, after },
      columns,
    }).load(group.id);
  }

  @FieldResolver(() => Int, {
    description:
      'How many members: direct members (users and groups), or with transitive the distinct users at any depth.',
  })
  @ReadsGroup()
  membersCount(
    @Root() group: GroupRecord,
    @Arg('transitive', () => Boolean, {
      defaultValue: false,
      description: 'Count users reached through nested groups instead.',
    })
    transitive: boolean,
    @Ctx() context: GraphQLContext,
  ) {
    return transitive
      ? userCountOf(context, 'groupTransitive', null).load(group.id)
      : memberCountOf(context, null).load(group.id);
  }

  @Authorized('write')
  @Mutation(() => GroupPayload, { description: 'Creates a group, optionally with members.' })
  groupCreate(
    @Arg('input', () => GroupCreateInput, { description: 'The new group.' }) input: GroupCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { memberIds, skipUnknownMembers, ...attributes } = input;
    return runMutation<GroupPayload>(
      context,
      async () => {
        const result = await context.groups.create(attributes, memberIds ?? [], {
          skipUnknown: skipUnknownMembers === true,
        });
        return { group: result.group, skippedMemberIds: result.skipped ?? [] };
      },
      { group: null, skippedMemberIds: [] },
    );
  }

  @Authorized('write')
  @Mutation(() => GroupPayload, { description: "Changes a group's name, externalId or description." })
  groupUpdate(
    @Arg('input', () => GroupUpdateInput, { description: 'The changes.' }) input: GroupUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, expectedVersion, ...attributes } = input;
    return runMutation<GroupPayload>(
      context,
      async () => ({ group: await context.groups.update(id, attributes, expectedVersion), skippedMemberIds: [] }),
      { group: null, skippedMemberIds: [] },
    );
  }

  @Authorized('write')
  @Mutation(() => GroupDeletePayload, { description: 'Deletes a group and its memberships.' })
  groupDelete(
    @Arg('input', () => GroupDeleteInput, { description: 'The group to delete.' }) input: GroupDeleteInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<GroupDeletePayload>(
      context,
      async () => {
        await context.groups.delete(input.id);
        return { deletedGroupId: input.id };
      },
      { deletedGroupId: null },
    );
  }

  @Authorized('write')
  @Mutation(() => GroupMembersPayload, {
    description:
      'Adds members. Members already present are left as they are; unknown ids fail the whole call unless skipUnknownMembers.',
  })
  groupMembersAdd(
    @Arg('input', () => GroupMembersInput, { description: 'The group and the members.' }) input: GroupMembersInput,
    @Ctx() context: GraphQLContext,
  ) {
    return membershipMutation(context, () =>
      context.groups.addMembers(input.groupId, input.memberIds, input.expectedVersion, {
        skipUnknown: input.skipUnknownMembers === true,
      }),
    );
  }

  @Authorized('write')
  @Mutation(() => GroupMembersPayload, { description: 'Removes members. Ids that are not members are ignored.' })
  groupMembersRemove(
    @Arg('input', () => GroupMembersInput, { description: 'The group and the members.' }) input: GroupMembersInput,
    @Ctx() context: GraphQLContext,
  ) {
    return membershipMutation(context, () =>
      context.groups.removeMembers(input.groupId, input.memberIds, input.expectedVersion),
    );
  }

  @Authorized('write')
  @Mutation(() => GroupMembersPayload, { description: 'Makes the members exactly these (an empty list removes all).' })
  groupMembersReplace(
    @Arg('input', () => GroupMembersInput, { description: 'The group and the members.' }) input: GroupMembersInput,
    @Ctx() context: GraphQLContext,
  ) {
    return membershipMutation(context, () =>
      context.groups.replaceMembers(input.groupId, input.memberIds, input.expectedVersion, {
        skipUnknown: input.skipUnknownMembers === true,
      }),
    );
  }
}

function membershipMutation(context: GraphQLContext, change: () => Promise<MembershipResult>) {
  return runMutation<GroupMembersPayload>(
    context,
    async () => {
      const result = await change();
      return {
        group: result.group,
        addedMemberIds: result.added.map((member) => member.memberId),
        removedMemberIds: result.removed.map((member) => member.memberId),
        skippedMemberIds: result.skipped ?? [],
      };
    },
    { group: null, addedMemberIds: [], removedMemberIds: [], skippedMemberIds: [] },
  );
}
