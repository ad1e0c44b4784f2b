import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  federationOf,
  isActiveSecret,
  type ClientRecord,
  type ClientSecretRecord,
} from '../../../domain/accounts/clients/client.record';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { toConnection } from '../types/connection';
import { ConnectionArgs } from '../types/list-args';
import { secretsOfClient } from './oauth-client.loaders';
import {
  OAuthClientConnection,
  OAuthClientCreateInput,
  OAuthClientCreatePayload,
  OAuthClientRevokeInput,
  OAuthClientRevokePayload,
  OAuthClientSecretAddInput,
  OAuthClientSecretAddPayload,
  OAuthClientSecretRevokeInput,
  OAuthClientSecretRevokePayload,
  OAuthClientSecretStatus,
  OAuthClientSecretType,
  OAuthClientType,
  OAuthFederationType,
} from './oauth-client.types';

@Resolver(() => OAuthClientType)
export class OAuthClientResolver {
  @Authorized('admin')
  @Query(() => OAuthClientConnection, {
    description:
      "This tenant's OAuth clients (what Entra authenticates as at /oauth2/token), oldest first, with their secrets' expiry and last use but never a secret. Needs the admin scope.",
  })
  async oauthClients(
    @Args() { first, after }: ConnectionArgs,
    @Arg('includeRevoked', () => Boolean, { defaultValue: false, description: 'Also list revoked clients.' })
    includeRevoked: boolean,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.oauthClients.page({ includeRevoked }, { first, after });
    return toConnection(page, () => context.oauthClients.count({ includeRevoked }));
  }

  @FieldResolver(() => OAuthFederationType, {
    nullable: true,
    description: "A federated client's assertions; null for a client with secrets.",
  })
  federation(@Root() client: ClientRecord) {
    return federationOf(client);
  }

  @FieldResolver(() => [OAuthClientSecretType], {
    description: "The client's secrets, newest first, revoked and expired ones included; empty for a federated client.",
  })
  secrets(@Root() client: ClientRecord, @Ctx() context: GraphQLContext) {
    return secretsOfClient(context).load(client.id);
  }

  @Authorized('admin')
  @Mutation(() => OAuthClientCreatePayload, {
    description:
      'Creates an OAuth client for Entra. Without federation it gets a first secret, in the payload once; with federation it authenticates with assertions its identity provider signs. Needs the admin scope.',
  })
  oauthClientCreate(
    @Arg('input', () => OAuthClientCreateInput, { description: 'The client to create.' }) input: OAuthClientCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<OAuthClientCreatePayload>(
      context,
      async () => {
        const { client, secret } = await context.oauthClients.create(input);
        return { oauthClient: client, clientSecret: secret?.clientSecret ?? null };
      },
      { oauthClient: null, clientSecret: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => OAuthClientRevokePayload, {
    description:
      'Revokes a client: it gets no more tokens, and its access tokens are refused from the next request on. Needs the admin scope.',
  })
  oauthClientRevoke(
    @Arg('input', () => OAuthClientRevokeInput, { description: 'The client to revoke.' }) input: OAuthClientRevokeInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<OAuthClientRevokePayload>(
      context,
      async () => ({ oauthClient: await context.oauthClients.revoke(input.id) }),
      { oauthClient: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => OAuthClientSecretAddPayload, {
    description:
      'Adds a secret to a client, for rotation: paste it into Entra, then revoke the old one. At most three are active at once. The secret is in the payload, once. Needs the admin scope.',
  })
  oauthClientSecretAdd(
    @Arg('input', () => OAuthClientSecretAddInput, { description: 'The client and the new secret.' })
    input: OAuthClientSecretAddInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<OAuthClientSecretAddPayload>(
      context,
      async () => {
        const { client, secret } = await context.oauthClients.addSecret(input.clientId, input.secretLifetimeDays);
        const { clientSecret, ...stored } = secret;
        return { oauthClient: client, secret: stored, clientSecret };
      },
      { oauthClient: null, secret: null, clientSecret: null },
    );
  }

  @Authorized('admin')
  @Mutation(() => OAuthClientSecretRevokePayload, {
    description:
      "Revokes one of a client's secrets: it gets no more tokens, and the access tokens it got are refused from the next request on. Needs the admin scope.",
  })
  oauthClientSecretRevoke(
    @Arg('input', () => OAuthClientSecretRevokeInput, { description: 'The secret to revoke.' })
    input: OAuthClientSecretRevokeInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<OAuthClientSecretRevokePayload>(
      context,
      async () => {
        const { client, secret } = await context.oauthClients.revokeSecret(input.clientId, input.secretId);
        return { oauthClient: client, secret };
      },
      { oauthClient: null, secret: null },
    );
  }
}

@Resolver(() => OAuthClientSecretType)
export class OAuthClientSecretResolver {
  @FieldResolver(() => OAuthClientSecretStatus, { description: 'Whether the secret still authenticates.' })
  status(@Root() secret: ClientSecretRecord): OAuthClientSecretStatus {
    if (secret.revokedAt) return OAuthClientSecretStatus.REVOKED;
    return isActiveSecret(secret) ? OAuthClientSecretStatus.ACTIVE : OAuthClientSecretStatus.EXPIRED;
  }
}
