/**
 * How a signed-in user's token names a provisioned user. Entra provisions `externalId` from the
 * object id when mapped so (the token's `oid`), and `userName` from the userPrincipalName (the
 * token's `preferred_username`, or `upn` in v1 tokens, or `email`).
 */
export type UserMatching = 'oid_to_external_id' | 'preferred_username_to_user_name';

/** A tenant's single sign-on settings: which identity provider's tokens sign its users in. */
export interface SsoSettingsRecord {
  /** Exactly the token's `iss`, e.g. https://login.microsoftonline.com/<entra tenant id>/v2.0. */
  issuer: string;
  /** The token's `aud` must contain it (Entra: the application (client) id or its App ID URI). */
  audience: string;
  /** Where the identity provider publishes its signing keys. */
  jwksUri: string;
  userMatching: UserMatching;
  createdAt: Date;
  updatedAt: Date;
}

export type SsoSettingsInput = Pick<SsoSettingsRecord, 'issuer' | 'audience' | 'jwksUri' | 'userMatching'>;
