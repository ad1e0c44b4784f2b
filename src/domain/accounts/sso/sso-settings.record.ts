import { SsoSettings } from '../../../model/sso-settings.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

/**
 * How a signed-in user's token names a provisioned user. Entra provisions `externalId` from the
 * object id when mapped so (the token's `oid`), and `userName` from the userPrincipalName (the
 * token's `preferred_username`, or `upn` in v1 tokens, or `email`).
 */
export type { UserMatching } from '../../../model/sso-settings.entity';

/**
 * A tenant's single sign-on settings (src/model/sso-settings.entity.ts): which identity
 * provider's tokens (`issuer`, exactly the token's `iss`) for which application (`audience`, which
 * the token's `aud` must contain) sign its users in, verified with the keys at `jwksUri`.
 */
export type SsoSettingsRecord = RecordOf<SsoSettings>;

/** The sso_settings table for hand-written SQL, aliased `s`. */
export const SSO_SETTINGS = table(SsoSettings, 's');

export type SsoSettingsInput = Pick<SsoSettingsRecord, 'issuer' | 'audience' | 'jwksUri' | 'userMatching'>;

/** Whether the settings sign anyone in now, and which app role makes a signed-in user an admin. */
export type SsoAccess = Pick<SsoSettingsRecord, 'signInAllowed' | 'adminRole'>;

/** What settings typed in with ssoSettingsUpdate have always done: sign users in, to read. */
export const SSO_ON_FOR_READING: SsoAccess = { signInAllowed: true, adminRole: null };
