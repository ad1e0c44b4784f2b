import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../types/connection';
import { UserError } from '../types/user-error';
import type { Scope, TokenKind } from '../../../domain/accounts/tokens/scopes';

export enum ApiTokenKind {
  SCIM = 'scim',
  GRAPHQL = 'graphql',
}
registerEnumType(ApiTokenKind, {
  name: 'ApiTokenKind',
  description: 'Where a token is accepted.',
  valuesConfig: {
    SCIM: { description: 'At /scim, for the identity provider (Entra) to provision users and groups.' },
    GRAPHQL: { description: 'At /graphql, for the Evercate frontend and internal tools.' },
  },
});

export enum ApiTokenScope {
  READ = 'read',
  WRITE = 'write',
  ADMIN = 'admin',
  PROVISION = 'provision',
}
registerEnumType(ApiTokenScope, {
  name: 'ApiTokenScope',
  description: 'What a token may do. read, write and admin each include the ones before them.',
  valuesConfig: {
    READ: { description: 'Read the directory.' },
    WRITE: { description: 'Read and change the directory.' },
    ADMIN: { description: 'Everything, plus tokens, single sign-on settings and the provisioning log.' },
    PROVISION: { description: 'Write the provisioning log; SCIM tokens only.' },
  },
});

@ObjectType('ApiToken', {
  description: 'A credential of this tenant. Its secret is shown once, when it is created, and never again.',
  simpleResolvers: true,
})
export class ApiTokenType {
  @Field(() => ID, { description: 'Token id (pass it to apiTokenRevoke).' })
  id!: string;

  @Field(() => ApiTokenKind, { description: 'Where the token is accepted.' })
  kind!: TokenKind;

  @Field({ description: 'Who or what holds it, e.g. "Reporting job".' })
  name!: string;

  @Field({ description: 'The start of the secret, e.g. "gql_AbCdEf…", to tell tokens apart.' })
  prefix!: string;

  @Field(() => [ApiTokenScope], { description: 'What the token may do.' })
  scopes!: Scope[];

  @Field({ description: 'When it was issued.' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it was last used to authenticate, to the hour (null if never): after a rotation, shows when the old token fell out of use.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it is valid.' })
  revokedAt!: Date | null;
}

export const ApiTokenConnection = Connection(ApiTokenType, 'ApiToken', 'API token');

@InputType({ description: 'A token to issue.' })
export class ApiTokenCreateInput {
  @Field(() => ApiTokenKind, { description: 'Where it will be accepted.' })
  kind!: ApiTokenKind;

  @Field({ description: 'Who or what will hold it.' })
  name!: string;

  @Field(() => [ApiTokenScope], {
    nullable: true,
    description:
      'For GRAPHQL tokens: READ, WRITE and/or ADMIN (required). SCIM tokens always get WRITE and PROVISION; omit it.',
  })
  scopes?: ApiTokenScope[] | null;
}

@ObjectType({ description: 'The result of apiTokenCreate.', simpleResolvers: true })
export class ApiTokenCreatePayload {
  @Field(() => ApiTokenType, { nullable: true, description: 'The new token; null on userErrors.' })
  apiToken!: ApiTokenType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The secret to send as "Authorization: Bearer …". Shown only now: it is stored as a hash.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why no token was issued; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'The token to revoke.' })
export class ApiTokenRevokeInput {
  @Field(() => ID, { description: 'Token id.' })
  id!: string;
}

@ObjectType({ description: 'The result of apiTokenRevoke.', simpleResolvers: true })
export class ApiTokenRevokePayload {
  @Field(() => ApiTokenType, { nullable: true, description: 'The revoked token; null on userErrors.' })
  apiToken!: ApiTokenType | null;

  @Field(() => [UserError], { description: 'Why nothing was revoked; empty on success.' })
  userErrors!: UserError[];
}
