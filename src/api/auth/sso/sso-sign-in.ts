import {
  ssoSettingsForIssuer,
  ssoSignIn,
  type SsoSettingsRow,
} from '../../../domain/accounts/sso/sso-sign-in.statements';
import type { SsoAccess, SsoSettingsInput, UserMatching } from '../../../domain/accounts/sso/sso-settings.record';
import type { Scope } from '../../../domain/accounts/tokens/scopes';
import { signedInUserCredential, signInMatches } from '../../../domain/directory/users/user.sign-in';
import type { Database } from '../../../platform/db/database';
import type { Fragment } from '../../../platform/db/sql-fragment';
import { TenantTransaction } from '../../../platform/db/tenant-transaction';
import { unauthenticated, type Admission, type Refusal } from '../admission';
import type { SigningKeys } from '../jwks/signing-keys';
import { SsoRefusedError } from './sso-errors';
import { readUnverifiedClaims, verifySsoToken } from './sso-token';
import { matchingClaimValue } from './user-matching';

/**
 * Signed-in users read the directory; changing it stays with API tokens and SCIM. A user whose
 * token carries the settings' admin app role (`roles` claim) administers the tenant instead: its
 * organization's Entra administrators assign that role (see the README, "Connect Microsoft Entra ID").
 */
const SIGNED_IN_USER_SCOPES: Scope[] = ['read'];
const SIGNED_IN_ADMIN_SCOPES: Scope[] = ['admin'];

interface TenantSsoSettings extends SsoSettingsInput, SsoAccess {
  tenantId: string;
}

/** A token whose signature and claims one tenant's settings have verified, and the claim naming its user. */
export interface VerifiedSsoToken {
  settings: TenantSsoSettings;
  claimValue: string;
  /** The token carries the settings' admin app role. */
  admin: boolean;
}

interface SignInRow {
  tenant_id: string;
  matches: number;
  user_id: string | null;
  active: boolean | null;
}

/**
 * Signs in a user of a tenant's identity provider (OpenID Connect access or ID token). The tenant
 * comes from the credential: the token's unverified issuer (and audience) only choose whose settings
 * to verify it with; once that tenant's signing keys have verified it, it can reach that tenant only.
 */
export class SsoSignIn {
  constructor(
    private readonly database: Database,
    private readonly keys: SigningKeys,
  ) {}

  /** Throws SsoRefusedError (401) or SigningKeysUnavailableError (503). */
  async verify(token: string): Promise<VerifiedSsoToken> {
    const claims = readUnverifiedClaims(token);
    const settings = chooseSettings(await this.settingsForIssuer(claims.issuer), claims.audiences);
    const verified = await verifySsoToken(token, settings, this.keys.forUrl(settings.jwksUri));
    // Only a verified token learns that its tenant's single sign-on is off.
    if (!settings.signInAllowed) {
      throw new SsoRefusedError(
        'SINGLE_SIGN_ON_OFF',
        "Single sign-on is not allowed for this tenant yet; an administrator allows it on the admin page (/admin, 'Single sign-on').",
      );
    }
    const roles = Array.isArray(verified.roles) ? verified.roles : [];
    return {
      settings,
      claimValue: matchingClaimValue(settings.userMatching, verified),
      admin: settings.adminRole !== null && roles.includes(settings.adminRole),
    };
  }

  /**
   * Opens the request's transaction and, in its first statement, enters the tenant, confirms the
   * settings the token was verified with are still the tenant's, and finds the user.
   */
  async enter({ settings, claimValue, admin }: VerifiedSsoToken): Promise<Admission> {
    const transaction = await TenantTransaction.begin(this.database);
    try {
      const row = await transaction.enterWith<SignInRow>(
        ssoSignIn(settings.tenantId, settings, signInMatches('s.tenant_id', settings.userMatching, claimValue)),
        // A signed-in user's requests are the frontend's GraphQL reads.
        'per-values',
      );
      const refusal = refusalFor(row, settings.userMatching, claimValue);
      if (refusal) {
        await transaction.rollback();
        return refusal;
      }
      return {
        principal: {
          tenantId: settings.tenantId,
          kind: 'sso',
          subjectId: row!.user_id!,
          scopes: [...(admin ? SIGNED_IN_ADMIN_SCOPES : SIGNED_IN_USER_SCOPES)],
        },
        transaction,
      };
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
  }

  /** Selects the signed-in user as (tenant_id, subject), for the rate limiter. */
  credential({ settings, claimValue }: VerifiedSsoToken): Fragment {
    return signedInUserCredential(settings.tenantId, settings.userMatching, claimValue);
  }

  /** Every tenant's settings for this issuer. Runs before any tenant is known, like the API token lookup. */
  private async settingsForIssuer(issuer: string): Promise<TenantSsoSettings[]> {
    const rows = await this.database.execute<SsoSettingsRow>(ssoSettingsForIssuer(issuer));
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      issuer: row.issuer,
      audience: row.audience,
      jwksUri: row.jwks_uri,
      userMatching: row.user_matching,
      signInAllowed: row.sign_in_allowed,
      adminRole: row.admin_role,
    }));
  }
}

/**
 * The one configuration to verify with. With a single tenant on the issuer, verification itself
 * reports a wrong audience (after checking the signature); with several, the audience must pick
 * exactly one of them, or the token is refused.
 */
function chooseSettings(candidates: TenantSsoSettings[], audiences: string[]): TenantSsoSettings {
  if (candidates.length === 0) {
    throw new SsoRefusedError('UNKNOWN_ISSUER', 'No tenant accepts sign-ins from this token issuer (iss).');
  }
  if (candidates.length === 1) return candidates[0]!;
  const matching = candidates.filter((candidate) => audiences.includes(candidate.audience));
  if (matching.length === 1) return matching[0]!;
  if (matching.length === 0) {
    throw new SsoRefusedError('WRONG_AUDIENCE', 'The token was issued for another application (aud).');
  }
  throw new SsoRefusedError(
    'AMBIGUOUS_ISSUER',
    'The token names the applications of more than one tenant (aud); request a token for one of them.',
  );
}

function refusalFor(
  row: SignInRow | undefined,
  matching: UserMatching,
  claimValue: string,
): { refused: Refusal } | undefined {
  if (!row) {
    return unauthenticated(
      'UNKNOWN_ISSUER',
      'The single sign-on settings changed (or single sign-on was turned off) while signing in; sign in again.',
    );
  }
  const described = matching === 'oid_to_external_id' ? `externalId "${claimValue}"` : `userName "${claimValue}"`;
  if (row.matches === 0) {
    return unauthenticated(
      'USER_NOT_PROVISIONED',
      `No user with ${described} is provisioned in this directory; ask an administrator to assign you the application.`,
    );
  }
  if (row.matches > 1) {
    return unauthenticated('USER_AMBIGUOUS', `More than one user has ${described}; an administrator must resolve it.`);
  }
  if (!row.active) return unauthenticated('USER_DEACTIVATED', 'Your user is deactivated in this directory.');
  return undefined;
}
