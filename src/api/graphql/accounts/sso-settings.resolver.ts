import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import {
  SsoSettingsRemovePayload,
  SsoSettingsType,
  SsoSettingsUpdateInput,
  SsoSettingsUpdatePayload,
} from './sso-settings.types';

@Resolver(() => SsoSettingsType)
export class SsoSettingsResolver {
  @Authorized('admin')
  @Query(() => SsoSettingsType, {
    nullable: true,
    description: 'The single sign-on settings; null when users cannot sign in with tokens. Needs the admin scope.',
  })
  async ssoSettings(@Ctx() context: GraphQLContext) {
    return (await context.ssoSettings.get()) ?? null;
  }

  @Authorized('admin')
  @Mutation(() => SsoSettingsUpdatePayload, {
    description:
      "Sets up or changes single sign-on: from then on, tokens of this identity provider sign in the tenant's provisioned users (read scope). Needs the admin scope.",
  })
  ssoSettingsUpdate(
    @Arg('input', () => SsoSettingsUpdateInput, { description: 'The new settings.' }) input: SsoSettingsUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<SsoSettingsUpdatePayload>(
      context,
      async () => ({ ssoSettings: await context.ssoSettings.set(input) }),
      { ssoSettings: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => SsoSettingsRemovePayload, {
    description: 'Turns single sign-on off: signed-in users are refused from then on. Needs the admin scope.',
  })
  ssoSettingsRemove(@Ctx() context: GraphQLContext) {
    return runMutation<SsoSettingsRemovePayload>(
      context,
      async () => ({ ssoSettings: await context.ssoSettings.remove() }),
      { ssoSettings: null },
    );
  }
}
