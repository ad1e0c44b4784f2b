import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  ClientRecord,
  ClientRequest,
  ClientSecretRecord,
  OAuthClientKind as ClientKind,
} from '../../../domain/accounts/clients/client.record';
import { Connection } from '../types/connection';
import { UserError } from '../types/user-error';

export enum OAuthClientKind {
  SECRET = 'secret',
  FEDERATED = 'federated',
}
registerEnumType(OAuthClientKind, {
  name: 'OAuthClientKind',
  description: 'How an OAuth client proves who it is at the token endpoint.',
  valuesConfig: {
    SECRET: {
      description:
        'With one of its client secrets (client_secret_basic or client_secret_post): OAuth client credentials.',
    },
    FEDERATED: {
      description:
        'With an assertion its identity provider signed (client_assertion, RFC 7523): workload identity federation, no secret to keep.',
    },
  },
});

export enum OAuthClientSecretStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(OAuthClientSecretStatus, {
  name: 'OAuthClientSecretStatus',
  description: 'Whether a client secret still authenticates.',
  valuesConfig: {
    ACTIVE: { description: 'It authenticates until expiresAt.' },
    EXPIRED: { description: 'Its expiresAt has passed.' },
    REVOKED: { description: 'It was revoked; its access tokens were refused from then on.' },
  },
});

@ObjectType('OAuthFederation', {
  description: 'Which assertions authenticate a federated client: who signs them, for whom, about whom.',
  simpleResolvers: true,
})
export class OAuthFederationType {
  @Field({
    description: "The assertions' issuer (iss), exactly; for Entra https://login.microsoftonline.com/<tenant id>/v2.0.",
  })
  issuer!: string;

  @Field({ description: "The assertions' subject (sub); for Entra the provisioning workload identity's object id." })
  subject!: string;

  @Field(() => [String], {
    description:
      'The audiences an assertion may be issued for; its aud must name one (Entra: api://<app id>, or the id).',
  })
  audiences!: string[];

  @Field({ description: 'Where the identity provider publishes the keys the assertions are signed with (JWKS).' })
  jwksUri!: string;
}

@ObjectType('OAuthClientSecret', {
  description: 'A secret of an OAuth client. The secret itself is shown once, when it is made, and never again.',
  simpleResolvers: true,
})
export class OAuthClientSecretType implements ClientSecretRecord {
  @Field(() => ID, { description: 'Secret id (pass it to oauthClientSecretRevoke).' })
  id!: string;

  @Field(() => ID, { description: 'The client it belongs to.' })
  clientId!: string;

  @Field({ description: 'The start of the secret, e.g. "ocs_AbCdEf…", to tell secrets apart.' })
  prefix!: string;

  @Field({ description: 'When it was made.' })
  createdAt!: Date;

  @Field({ description: 'When it stops authenticating (one to three years after it was made).' })
  expiresAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it last got an access token (null if never): after a rotation, shows when Entra stopped using the old one.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it is not.' })
  revokedAt!: Date | null;
}

@ObjectType('OAuthClient', {
  description:
    "An OAuth 2.0 client of this tenant: what Entra's provisioning authenticates as at the token endpoint (/oauth2/token) to get access tokens for this tenant's SCIM. Never shows a secret.",
  simpleResolvers: true,
})
export class OAuthClientType
  implements Omit<ClientRecord, 'federatedIssuer' | 'federatedSubject' | 'federatedAudiences' | 'jwksUri'>
{
  @Field(() => ID, { description: "The client id (Entra's Client identifier or client_id)." })
  id!: string;

  @Field({ description: 'What uses it, e.g. "Entra provisioning".' })
  name!: string;

  @Field(() => OAuthClientKind, { description: 'Secret or federated.' })
  kind!: ClientKind;

  @Field(() => Int, { description: 'How long its access tokens live, in minutes (60 to 360).' })
  accessTokenLifetimeMinutes!: number;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it last got an access token; null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When authenticating as it last failed; null if never. The token endpoint does not say why (see lastFailure).',
  })
  lastFailedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why authenticating as it last failed, e.g. a revoked secret or an assertion for another audience. Only admins see it: the token endpoint answers every failure alike, so that nobody learns which client ids exist.',
  })
  lastFailure!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it is valid.' })
  revokedAt!: Date | null;
}

export const OAuthClientConnection = Connection(OAuthClientType, 'OAuthClient', 'OAuth client');

@InputType({ description: "A federated client's assertions, as the identity provider (Entra) shows them." })
export class OAuthFederationInput {
  @Field({ description: 'The issuer (iss), an https URL compared exactly.' })
  issuer!: string;

  @Field({ description: 'The subject (sub), compared exactly: the workload identity (object) id.' })
  subject!: string;

  @Field(() => [String], { description: 'One or more accepted audiences (aud), e.g. api://<app id> and the bare id.' })
  audiences!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "The https URL of the signing keys (JWKS); may be omitted for an Entra issuer, whose keys' place is known.",
  })
  jwksUri?: string | null;
}

@InputType({ description: 'An OAuth client to create: with a first secret, or federated when federation is given.' })
export class OAuthClientCreateInput implements ClientRequest {
  @Field({ description: 'What will use it, e.g. "Entra provisioning".' })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How long its access tokens live, 60 to 360 minutes; 60 when omitted.',
  })
  accessTokenLifetimeMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The first secret lives this many days, 365 to 1095 (one to three years); 365 when omitted. Not for federated clients.',
  })
  secretLifetimeDays?: number | null;

  @Field(() => OAuthFederationInput, {
    nullable: true,
    description: 'Makes it a federated client (workload identity federation), which has no secrets.',
  })
  federation?: OAuthFederationInput | null;
}

@ObjectType({ description: 'The result of oauthClientCreate.', simpleResolvers: true })
export class OAuthClientCreatePayload {
  @Field(() => OAuthClientType, { nullable: true, description: 'The new client; null on userErrors.' })
  oauthClient!: OAuthClientType | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The first client secret, for Entra's Client Secret field. Shown only now: it is stored as a hash. Null for a federated client.",
  })
  clientSecret!: string | null;

  @Field(() => [UserError], { description: 'Why no client was created; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'The client to revoke.' })
export class OAuthClientRevokeInput {
  @Field(() => ID, { description: 'Client id.' })
  id!: string;
}

@ObjectType({ description: 'The result of oauthClientRevoke.', simpleResolvers: true })
export class OAuthClientRevokePayload {
  @Field(() => OAuthClientType, { nullable: true, description: 'The revoked client; null on userErrors.' })
  oauthClient!: OAuthClientType | null;

  @Field(() => [UserError], { description: 'Why nothing was revoked; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A further secret for a client, to rotate to.' })
export class OAuthClientSecretAddInput {
  @Field(() => ID, { description: 'Client id.' })
  clientId!: string;

  @Field(() => Int, { nullable: true, description: 'It lives this many days, 365 to 1095; 365 when omitted.' })
  secretLifetimeDays?: number | null;
}

@ObjectType({ description: 'The result of oauthClientSecretAdd.', simpleResolvers: true })
export class OAuthClientSecretAddPayload {
  @Field(() => OAuthClientType, { nullable: true, description: 'The client; null on userErrors.' })
  oauthClient!: OAuthClientType | null;

  @Field(() => OAuthClientSecretType, { nullable: true, description: 'The new secret; null on userErrors.' })
  secret!: OAuthClientSecretType | null;

  @Field(() => String, {
    nullable: true,
    description: "The client secret, for Entra's Client Secret field. Shown only now: it is stored as a hash.",
  })
  clientSecret!: string | null;

  @Field(() => [UserError], {
    description: 'Why no secret was added (TOO_MANY_SECRETS: three are active already); empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'The secret to revoke.' })
export class OAuthClientSecretRevokeInput {
  @Field(() => ID, { description: 'Client id.' })
  clientId!: string;

  @Field(() => ID, { description: 'Secret id (see OAuthClient.secrets).' })
  secretId!: string;
}

@ObjectType({ description: 'The result of oauthClientSecretRevoke.', simpleResolvers: true })
export class OAuthClientSecretRevokePayload {
  @Field(() => OAuthClientType, { nullable: true, description: 'The client; null on userErrors.' })
  oauthClient!: OAuthClientType | null;

  @Field(() => OAuthClientSecretType, { nullable: true, description: 'The revoked secret; null on userErrors.' })
  secret!: OAuthClientSecretType | null;

  @Field(() => [UserError], { description: 'Why nothing was revoked; empty on success.' })
  userErrors!: UserError[];
}
