import type { Fragment } from '../../../platform/db/sql-fragment';
import type { Statement } from '../../../platform/db/statement';
import { enterTenantColumns } from '../../../platform/db/tenant-entry';
import type { SsoSettingsInput, SsoSettingsRecord, UserMatching } from './sso-settings.record';

/** Every tenant's settings for an issuer. Runs before any tenant is known, like the token lookup. */
export function ssoSettingsForIssuer(issuer: string): Statement {
  return {
    text: `select tenant_id, issuer, audience, jwks_uri, user_matching, sign_in_allowed, admin_role
             from sso_settings where issuer = ?`,
    params: [issuer],
  };
}

export interface SsoSettingsRow {
  tenant_id: string;
  issuer: string;
  audience: string;
  jwks_uri: string;
  user_matching: UserMatching;
  sign_in_allowed: boolean;
  admin_role: string | null;
}

/**
 * The first statement of a signed-in user's request: it enters the tenant, confirms the settings
 * the token was verified with are still the tenant's and still allow signing in, and selects what
 * `userMatches` (a subquery over the tenant `s.tenant_id`) finds.
 */
export function ssoSignIn(
  tenantId: string,
  settings: SsoSettingsInput & Pick<SsoSettingsRecord, 'adminRole'>,
  userMatches: Fragment,
): Statement {
  return {
    text: `select s.tenant_id, m.*, ${enterTenantColumns('s.tenant_id')}
             from sso_settings s cross join lateral (${userMatches.text}) m
            where s.tenant_id = ? and s.issuer = ? and s.audience = ? and s.jwks_uri = ? and s.user_matching = ?
              and s.sign_in_allowed and s.admin_role is not distinct from ?`,
    params: [
      ...userMatches.params,
      tenantId,
      settings.issuer,
      settings.audience,
      settings.jwksUri,
      settings.userMatching,
      settings.adminRole,
    ],
  };
}
