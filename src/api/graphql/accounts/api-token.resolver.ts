import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { toConnection } from '../types/connection';
import { ConnectionArgs } from '../types/list-args';
import {
  ApiTokenConnection,
  ApiTokenCreateInput,
  ApiTokenCreatePayload,
  ApiTokenRevokeInput,
  ApiTokenRevokePayload,
  ApiTokenType,
} from './api-token.types';

@Resolver(() => ApiTokenType)
export class ApiTokenResolver {
  @Authorized('admin')
  @Query(() => ApiTokenConnection, {
    description: "This tenant's API and SCIM tokens, oldest first, without their secrets. Needs the admin scope.",
  })
  async apiTokens(
    @Args() { first, after }: ConnectionArgs,
    @Arg('includeRevoked', () => Boolean, {
      defaultValue: false,
      description: 'Also list revoked tokens.',
    })
    includeRevoked: boolean,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.tokens.page({ includeRevoked }, { first, after });
    return toConnection(page, () => context.tokens.count({ includeRevoked }));
  }

  @Authorized('admin')
  @Mutation(() => ApiTokenCreatePayload, {
    description:
      'Issues a token. Its secret is in the payload, once; store it right away. Several tokens may be valid at once, so they can be rotated without downtime. Needs the admin scope.',
  })
  apiTokenCreate(
    @Arg('input', () => ApiTokenCreateInput, { description: 'The token to issue.' }) input: ApiTokenCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<ApiTokenCreatePayload>(
      context,
      async () => {
        const { secret, ...apiToken } = await context.tokens.issue(input);
        return { apiToken, secret };
      },
      { apiToken: null, secret: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => ApiTokenRevokePayload, {
    description: 'Revokes a token: it is refused from the next request on. Needs the admin scope.',
  })
  apiTokenRevoke(
    @Arg('input', () => ApiTokenRevokeInput, { description: 'The token to revoke.' }) input: ApiTokenRevokeInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<ApiTokenRevokePayload>(
      context,
      async () => ({ apiToken: await context.tokens.revoke(input.id) }),
      { apiToken: null },
    );
  }
}
