import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../types/user-error';
import type {
  SsoSettingsInput,
  SsoSettingsRecord,
  UserMatching,
} from '../../../domain/accounts/sso/sso-settings.record';

export enum SsoUserMatching {
  OID_TO_EXTERNAL_ID = 'oid_to_external_id',
  PREFERRED_USERNAME_TO_USER_NAME = 'preferred_username_to_user_name',
}
registerEnumType(SsoUserMatching, {
  name: 'SsoUserMatching',
  description: "How a signed-in user's token names the provisioned user it signs in as.",
  valuesConfig: {
    OID_TO_EXTERNAL_ID: {
      description: "The token's oid claim (Entra object id) equals the user's externalId, ignoring case.",
    },
    PREFERRED_USERNAME_TO_USER_NAME: {
      description:
        "The token's preferred_username claim (else upn, else email) equals the user's userName, ignoring case.",
    },
  },
});

@ObjectType('SsoSettings', {
  description:
    "Single sign-on: which identity provider's OpenID Connect tokens sign this tenant's users in to the API.",
  simpleResolvers: true,
})
export class SsoSettingsType implements SsoSettingsRecord {
  @Field({
    description: "The tokens' issuer (iss), exactly; for Entra https://login.microsoftonline.com/<tenant id>/v2.0.",
  })
  issuer!: string;

  @Field({
    description: "The tokens' audience (aud): for Entra the application (client) id, or its App ID URI.",
  })
  audience!: string;

  @Field({
    description: "Where the identity provider publishes its signing keys (the OpenID configuration's jwks_uri).",
  })
  jwksUri!: string;

  @Field(() => SsoUserMatching, { description: 'How a token is matched to a provisioned user.' })
  userMatching!: UserMatching;

  @Field({
    description:
      'Whether tokens sign users in now. Settings saved with ssoSettingsUpdate are on; those that connecting Microsoft Entra ID makes are off until an admin allows single sign-on (entraConnectionUpdate).',
  })
  signInAllowed!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The app role (a value of the token's roles claim) that gives a signed-in user the admin scope; null: signed-in users read. Connecting Microsoft Entra ID sets Evercate.Admin.",
  })
  adminRole!: string | null;

  @Field({ description: 'When single sign-on was first set up.' })
  createdAt!: Date;

  @Field({ description: 'When the settings last changed.' })
  updatedAt!: Date;
}

@InputType({ description: 'Single sign-on settings; they replace the current ones as a whole.' })
export class SsoSettingsUpdateInput implements SsoSettingsInput {
  @Field({ description: 'The issuer (iss) of accepted tokens, an https URL, compared exactly.' })
  issuer!: string;

  @Field({ description: 'The audience (aud) accepted tokens must be issued for.' })
  audience!: string;

  @Field({ description: 'The https URL of the signing keys (JWKS).' })
  jwksUri!: string;

  @Field(() => SsoUserMatching, { description: 'How a token is matched to a provisioned user.' })
  userMatching!: SsoUserMatching;
}

@ObjectType({ description: 'The result of ssoSettingsUpdate.', simpleResolvers: true })
export class SsoSettingsUpdatePayload {
  @Field(() => SsoSettingsType, { nullable: true, description: 'The settings now in force; null on userErrors.' })
  ssoSettings!: SsoSettingsType | null;

  @Field(() => [UserError], { description: 'Why the settings were not saved; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of ssoSettingsRemove.', simpleResolvers: true })
export class SsoSettingsRemovePayload {
  @Field(() => SsoSettingsType, {
    nullable: true,
    description: 'The settings that were removed; null on userErrors.',
  })
  ssoSettings!: SsoSettingsType | null;

  @Field(() => [UserError], { description: 'Why nothing was removed (NOT_FOUND: there were none); empty on success.' })
  userErrors!: UserError[];
}
