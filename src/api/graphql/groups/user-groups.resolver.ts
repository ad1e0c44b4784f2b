import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { GraphQLContext } from '../context';
import { ConnectionArgs } from '../types/list-args';
import { UserType } from '../users/user.types';
import { ReadsUser } from '../users/user-columns';
import { CONNECTION_NODES } from '../record-columns';
import { groupColumnsOf } from './group-columns';
import { groupsOf } from './group.loaders';
import { GroupConnection } from './group.types';

/** The groups a user is in, resolved here so users depend on nothing of groups. */
@Resolver(() => UserType)
export class UserGroupsResolver {
  @FieldResolver(() => GroupConnection, { description: 'The groups this user is a direct member of, by name.' })
  @ReadsUser()
  memberOf(
    @Root() user: UserRecord,
    @Args() { first, after }: ConnectionArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = groupColumnsOf(info, CONNECTION_NODES);
    return groupsOf(context, { transitive: false, page: { first, after }, columns }).load(user.id);
  }

  @FieldResolver(() => GroupConnection, {
    description:
      'Every group this user is in, directly or through nested groups (a group inside a group they are in), by name.',
  })
  @ReadsUser()
  transitiveMemberOf(
    @Root() user: UserRecord,
    @Args() { first, after }: ConnectionArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const columns = groupColumnsOf(info, CONNECTION_NODES);
    return groupsOf(context, { transitive: true, page: { first, after }, columns }).load(user.id);
  }
}
