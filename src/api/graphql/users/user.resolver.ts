import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectsField } from '../selection';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { toConnection } from '../types/connection';
import { ConnectionArgs, ListArgs } from '../types/list-args';
import { userById, usersOf } from './user.loaders';
import { toUserOrder } from './user-order';
import { ReadsUser, userColumnsOf } from './user-columns';
import { CONNECTION_NODES, OWN_SELECTION } from '../record-columns';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import { splitValueKey } from '../../../domain/directory/extensions/extension-attribute.record';
import {
  ExtensionAttributeValueType,
  UserConnection,
  UserCreateInput,
  UserCreatePayload,
  UserDeleteInput,
  UserDeletePayload,
  UserFilterInput,
  UserOrder,
  UserSetManagerInput,
  UserType,
  UserUpdateInput,
  UserUpdatePayload,
} from './user.types';

@Resolver(() => UserType)
export class UserResolver {
  @Authorized('read')
  @Query(() => UserType, { nullable: true, description: 'A user by id; null when there is none.' })
  user(
    @Arg('id', () => ID, { description: 'The user id.' }) id: string,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return userById(context, userColumnsOf(info, OWN_SELECTION)).load(id);
  }

  @Authorized('read')
  @Query(() => UserConnection, { description: 'Users, filtered, searched and sorted, a page at a time.' })
  async users(
    @Args() { first, after, offset }: ListArgs,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Which users to return.' })
    filter: UserFilterInput | null,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Type-ahead search: every word must occur in the name, userName or an email, ignoring case and accents. Without orderBy, results come by relevance (names starting with the first word first).',
    })
    search: string | null,
    @Arg('orderBy', () => UserOrder, {
      nullable: true,
      description: 'Sort order; by userName (or relevance when searching) when omitted.',
    })
    orderBy: UserOrder | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const order = toUserOrder(orderBy);
    const columns = userColumnsOf(info, CONNECTION_NODES);
    if (search != null && search.trim() !== '') {
      const page = await context.users.search(search, filter, order, { first, after, offset }, columns);
      return toConnection(page, () => context.users.searchCount(search, filter));
    }
    const withTotal = selectsField(info, 'totalCount');
    const page = await context.users.list(filter, order, { first, after, offset }, { withTotal, columns });
    return toConnection(page, () => context.users.count(filter));
  }

  @FieldResolver(() => [ExtensionAttributeValueType], {
    description: "The user's values of the tenant's declared extension attributes, by schema and name.",
  })
  @ReadsUser('extensionValues')
  extensionAttributes(@Root() user: UserRecord): ExtensionAttributeValueType[] {
    return Object.entries(user.extensionValues)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ ...splitValueKey(key), value }));
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'The direct manager.' })
  @ReadsUser('managerId')
  manager(@Root() user: UserRecord, @Ctx() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return user.managerId ? userById(context, userColumnsOf(info, OWN_SELECTION)).load(user.managerId) : null;
  }

  @FieldResolver(() => UserConnection, { description: 'The users who have this user as their direct manager.' })
  @ReadsUser()
  directReports(
    @Root() user: UserRecord,
    @Args() { first, after }: ConnectionArgs,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Which reports to return.' })
    filter: UserFilterInput | null,
    @Arg('orderBy', () => UserOrder, { nullable: true, description: 'Sort order; by userName when omitted.' })
    orderBy: UserOrder | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = userColumnsOf(info, CONNECTION_NODES);
    return usersOf(context, 'manager', { filter, order: toUserOrder(orderBy), page: { first, after }, columns }).load(
      user.id,
    );
  }

  @Authorized('write')
  @Mutation(() => UserCreatePayload, { description: 'Creates a user.' })
  userCreate(
    @Arg('input', () => UserCreateInput, { description: 'The new user.' }) input: UserCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<UserCreatePayload>(context, async () => ({ user: await context.users.create({ ...input }) }), {
      user: null,
    });
  }

  @Authorized('write')
  @Mutation(() => UserUpdatePayload, { description: 'Changes some attributes of a user; the others stay as they are.' })
  userUpdate(
    @Arg('input', () => UserUpdateInput, { description: 'The changes.' }) input: UserUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, expectedVersion, ...attributes } = input;
    return runMutation<UserUpdatePayload>(
      context,
      async () => ({ user: await context.users.update(id, attributes, expectedVersion) }),
      { user: null },
    );
  }

  @Authorized('write')
  @Mutation(() => UserUpdatePayload, {
    description: "Sets or removes a user's manager. Refused when it would make a management cycle.",
  })
  userSetManager(
    @Arg('input', () => UserSetManagerInput, { description: 'The user and the manager.' }) input: UserSetManagerInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<UserUpdatePayload>(
      context,
      async () => ({ user: await context.users.setManager(input.id, input.managerId ?? null, input.expectedVersion) }),
      { user: null },
    );
  }

  @Authorized('write')
  @Mutation(() => UserDeletePayload, {
    description: 'Deletes a user, their group memberships and their place as manager of others.',
  })
  userDelete(
    @Arg('input', () => UserDeleteInput, { description: 'The user to delete.' }) input: UserDeleteInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<UserDeletePayload>(
      context,
      async () => {
        await context.users.delete(input.id);
        return { deletedUserId: input.id };
      },
      { deletedUserId: null },
    );
  }
}
