import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { EntraConnectionRecord } from '../../../domain/accounts/entra/entra-connection.record';
import { DomainError } from '../../../platform/errors';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import {
  EntraConnectionPayload,
  EntraConnectionType,
  EntraConnectionUpdateInput,
  EntraConnectStartInput,
  EntraConnectStartPayload,
  ScimTokenRotatePayload,
} from './entra-connection.types';

@Resolver(() => EntraConnectionType)
export class EntraConnectionResolver {
  @Authorized('admin')
  @Query(() => EntraConnectionType, {
    nullable: true,
    description: 'The connection to Microsoft Entra ID; null while the tenant is not connected. Needs the admin scope.',
  })
  async entraConnection(@Ctx() context: GraphQLContext) {
    const connection = await context.entraConnections.get();
    return connection ? toType(connection, context) : null;
  }

  @Authorized('admin')
  @Mutation(() => EntraConnectStartPayload, {
    description:
      "Starts connecting Microsoft Entra ID: returns Microsoft's sign-in page, where an administrator of the organization signs in and consents on its behalf. Microsoft then sends them to /connect/entra/callback, which records the connection, sets up single sign-on (off until allowed) and a SCIM token, and returns to returnUrl. Finish it in the browser that called this. Needs the admin scope.",
  })
  entraConnectStart(
    @Arg('input', () => EntraConnectStartInput, { description: 'Where to return to.' }) input: EntraConnectStartInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<EntraConnectStartPayload>(
      context,
      async () => {
        const flow = context.entraConnect;
        if (!flow) {
          throw new DomainError(
            'NOT_CONFIGURED',
            'Connecting Microsoft Entra ID is not set up on this service: its operator sets ENTRA_CLIENT_ID, ' +
              'ENTRA_CLIENT_SECRET and PUBLIC_BASE_URL (see the README, "Connect Microsoft Entra ID").',
          );
        }
        const { request, signInUrl } = flow.authorization('connect', input.returnUrl);
        await context.entraConnections.requestConnect(request);
        context.browser?.bind(request.browserBinding);
        return { signInUrl };
      },
      { signInUrl: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => EntraConnectionPayload, {
    description: "Changes the connection: allows or stops the organization's single sign-on. Needs the admin scope.",
  })
  entraConnectionUpdate(
    @Arg('input', () => EntraConnectionUpdateInput, { description: 'What to change.' })
    input: EntraConnectionUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<EntraConnectionPayload>(
      context,
      async () => {
        const allowed = input.singleSignOnAllowed;
        const connection =
          allowed === null || allowed === undefined
            ? await context.entraConnections.get()
            : await context.entraConnections.allowSingleSignOn(allowed);
        if (!connection) throw new DomainError('NOT_FOUND', 'This tenant is not connected to Microsoft Entra ID.');
        return { entraConnection: toType(connection, context) };
      },
      { entraConnection: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => EntraConnectionPayload, {
    description:
      'Disconnects Microsoft Entra ID: removes the connection and the single sign-on it set up. SCIM tokens stay valid (Entra keeps provisioning) until revoked. Needs the admin scope.',
  })
  entraDisconnect(@Ctx() context: GraphQLContext) {
    return runMutation<EntraConnectionPayload>(
      context,
      async () => ({ entraConnection: toType(await context.entraConnections.disconnect(), context) }),
      { entraConnection: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => ScimTokenRotatePayload, {
    description:
      "Issues a new SCIM token for Entra's Secret Token field and revokes every other SCIM token at once: paste the new secret into Entra right away. Needs the admin scope.",
  })
  scimTokenRotate(@Ctx() context: GraphQLContext) {
    return runMutation<ScimTokenRotatePayload>(
      context,
      async () => {
        const { issued, revoked } = await context.entraConnections.rotateScimToken();
        const { secret, ...apiToken } = issued;
        return { apiToken, secret, revokedTokens: revoked };
      },
      { apiToken: null, secret: null, revokedTokens: [] },
    );
  }
}

function toType(connection: EntraConnectionRecord, context: GraphQLContext): EntraConnectionType {
  return { ...connection, scimTenantUrl: context.entraConnect?.scimTenantUrl ?? null };
}
