import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { EntraConnectionRecord } from '../../../domain/accounts/entra/entra-connection.record';
import { ApiTokenType } from './api-token.types';
import { UserError } from '../types/user-error';

@ObjectType('EntraConnection', {
  description:
    "This tenant's connection to its organization's Microsoft Entra ID, made when an Entra administrator signed in and consented (entraConnectStart).",
  simpleResolvers: true,
})
export class EntraConnectionType
  implements Omit<EntraConnectionRecord, 'issuer' | 'applicationId' | 'connectedByObjectId'>
{
  @Field(() => ID, { description: 'The Entra tenant (directory) id, from the verified ID token.' })
  entraTenantId!: string;

  @Field({ description: 'When the administrator last connected (consented).' })
  connectedAt!: Date;

  @Field({ description: 'The Entra administrator who connected, as their ID token names them.' })
  connectedBy!: string;

  @Field({
    description:
      "Whether the organization's users may sign in with Entra (single sign-on). Off after connecting until an admin allows it.",
  })
  singleSignOnAllowed!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The SCIM endpoint to paste as the Tenant URL in Entra's provisioning settings: the same for every tenant, the token decides which. Null when the operator has not configured connecting (PUBLIC_BASE_URL).",
  })
  scimTenantUrl!: string | null;
}

@InputType({ description: 'Where to go after signing in at Microsoft.' })
export class EntraConnectStartInput {
  @Field(() => String, {
    nullable: true,
    description: 'A URL (or path) of this service to return to afterwards; the admin page (/admin) when omitted.',
  })
  returnUrl?: string | null;
}

@ObjectType({ description: 'The result of entraConnectStart.', simpleResolvers: true })
export class EntraConnectStartPayload {
  @Field(() => String, {
    nullable: true,
    description:
      "Microsoft's sign-in page to send the administrator to (valid for 10 minutes, once, in this browser); null on userErrors.",
  })
  signInUrl!: string | null;

  @Field(() => [UserError], {
    description: 'Why no sign-in was started (NOT_CONFIGURED, INVALID_INPUT); empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'What to change about the connection; omitted fields stay as they are.' })
export class EntraConnectionUpdateInput {
  @Field(() => Boolean, {
    nullable: true,
    description: "Allow (true) or stop (false) the organization's users signing in with Entra.",
  })
  singleSignOnAllowed?: boolean | null;
}

@ObjectType({ description: 'The result of entraConnectionUpdate and entraDisconnect.', simpleResolvers: true })
export class EntraConnectionPayload {
  @Field(() => EntraConnectionType, {
    nullable: true,
    description: 'The connection now (for entraDisconnect, as it was); null on userErrors.',
  })
  entraConnection!: EntraConnectionType | null;

  @Field(() => [UserError], { description: 'Why nothing changed (NOT_FOUND: not connected); empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of scimTokenRotate.', simpleResolvers: true })
export class ScimTokenRotatePayload {
  @Field(() => ApiTokenType, { nullable: true, description: 'The new SCIM token; null on userErrors.' })
  apiToken!: ApiTokenType | null;

  @Field(() => String, {
    nullable: true,
    description: "The new secret, for Entra's Secret Token field. Shown only now: it is stored as a hash.",
  })
  secret!: string | null;

  @Field(() => [ApiTokenType], { description: 'The SCIM tokens this revoked: they are refused from now on.' })
  revokedTokens!: ApiTokenType[];

  @Field(() => [UserError], { description: 'Why no token was issued; empty on success.' })
  userErrors!: UserError[];
}
