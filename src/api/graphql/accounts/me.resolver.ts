import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { userById } from '../users/user.loaders';
import { UserType } from '../users/user.types';

@Resolver()
export class MeResolver {
  @Authorized('read')
  @Query(() => UserType, {
    nullable: true,
    description: 'The signed-in user (single sign-on); null for an API token, which is no user.',
  })
  async me(@Ctx() context: GraphQLContext) {
    const { principal } = context;
    if (principal.kind !== 'sso') return null;
    return (await userById(context).load(principal.subjectId)) ?? null;
  }
}
