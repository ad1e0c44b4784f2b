import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { toConnection } from '../types/connection';
import { ListArgs } from '../types/list-args';
import { GroupPayload } from '../groups/group.types';
import { UserCreatePayload } from '../users/user.types';
import type { DeletedObjectType as Kind } from '../../../domain/directory/deleted/deleted-object.service';
import { DeletedObjectConnection, RestoreInput } from './deleted-object.types';

@Resolver()
export class DeletedObjectResolver {
  @Authorized('read')
  @Query(() => DeletedObjectConnection, {
    description: 'Deleted users that can still be restored, most recently deleted first.',
  })
  deletedUsers(@Args() { first, after, offset }: ListArgs, @Ctx() context: GraphQLContext) {
    return deletedOf(context, 'user', { first, after, offset });
  }

  @Authorized('read')
  @Query(() => DeletedObjectConnection, {
    description: 'Deleted groups that can still be restored, most recently deleted first.',
  })
  deletedGroups(@Args() { first, after, offset }: ListArgs, @Ctx() context: GraphQLContext) {
    return deletedOf(context, 'group', { first, after, offset });
  }

  @Authorized('write')
  @Mutation(() => UserCreatePayload, {
    description:
      'Restores a deleted user with its id and attributes, back into the groups that still exist, under its manager if they still exist, and above the reports not given another manager since. Refused (RESTORE_CONFLICT) when its userName is taken again.',
  })
  userRestore(
    @Arg('input', () => RestoreInput, { description: 'The deleted user.' }) input: RestoreInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<UserCreatePayload>(
      context,
      async () => ({ user: (await context.deletedObjects.restoreUser(input.id)).user }),
      { user: null },
    );
  }

  @Authorized('write')
  @Mutation(() => GroupPayload, {
    description:
      'Restores a deleted group with the members and parent groups that still exist. Refused (RESTORE_CONFLICT) when its displayName is taken again.',
  })
  groupRestore(
    @Arg('input', () => RestoreInput, { description: 'The deleted group.' }) input: RestoreInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<GroupPayload>(
      context,
      async () => ({ group: (await context.deletedObjects.restoreGroup(input.id)).group, skippedMemberIds: [] }),
      { group: null, skippedMemberIds: [] },
    );
  }
}

async function deletedOf(
  context: GraphQLContext,
  kind: Kind,
  page: { first: number; after?: string | null; offset?: number | null },
) {
  const service = context.deletedObjects;
  return toConnection(await service.list(kind, page), () => service.count(kind));
}
