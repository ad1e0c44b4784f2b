import {
  accessTokenAuthentication,
  type AuthenticatedAccessToken,
} from '../../domain/accounts/clients/access-token-authentication';
import {
  noteTokenUse,
  tokenAuthentication,
  type AuthenticatedToken,
} from '../../domain/accounts/tokens/token-authentication';
import { SCIM_TOKEN_SCOPES, type TokenKind } from '../../domain/accounts/tokens/scopes';
import { hashTokenSecret } from '../../domain/accounts/tokens/token-secret';
import type { Database } from '../../platform/db/database';
import type { StatementPlanning } from '../../platform/db/tenant-entry';
import { TenantTransaction } from '../../platform/db/tenant-transaction';
import { unauthenticated, type Admission, type Refusal } from './admission';
import type { Principal } from './principal';

/**
 * Opens the request's transaction and authenticates the token in its first statement, which also
 * enters the token's tenant, so authentication costs no extra round trip. Returns undefined (and
 * rolls back) for an unknown, revoked or wrong-kind token: the caller answers 401 either way, so
 * nothing reveals whether a tenant or token exists.
 */
export async function authenticateToken(
  database: Database,
  secret: string,
  kind: TokenKind,
  planning: StatementPlanning,
): Promise<{ principal: Principal; transaction: TenantTransaction } | undefined> {
  const transaction = await TenantTransaction.begin(database);
  try {
    const secretHash = hashTokenSecret(secret);
    const row = await transaction.enterWith<AuthenticatedToken>(tokenAuthentication(secretHash, kind), planning);
    if (!row) {
      await transaction.rollback();
      return undefined;
    }
    noteTokenUse(secretHash, row);
    return {
      principal: { tenantId: row.tenant_id, kind, subjectId: row.token_id, scopes: row.scopes },
      transaction,
    };
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}

/**
 * Opens a transaction in a tenant the caller has already established (the callback of "Connect
 * Microsoft Entra ID" knows it from the request its state named), for the request runner.
 */
export async function enterTenantAs(
  database: Database,
  principal: Principal,
): Promise<{ principal: Principal; transaction: TenantTransaction }> {
  const transaction = await TenantTransaction.begin(database);
  try {
    await transaction.enterTenant(principal.tenantId);
    return { principal, transaction };
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}

/**
 * Like authenticateToken, for an OAuth client's access token (SCIM only): the first statement
 * finds it and enters its tenant. An expired token, or one whose client or secret was revoked,
 * is refused with a message that says which, so that the admin reading Entra's log knows what
 * happened.
 */
export async function authenticateAccessToken(database: Database, token: string): Promise<Admission> {
  const transaction = await TenantTransaction.begin(database);
  try {
    const row = await transaction.enterWith<AuthenticatedAccessToken>(accessTokenAuthentication(token), 'cached');
    const refusal = accessTokenRefusal(row);
    if (refusal) {
      await transaction.rollback();
      return refusal;
    }
    return {
      principal: { tenantId: row!.tenant_id, kind: 'oauth', subjectId: row!.client_id, scopes: [...SCIM_TOKEN_SCOPES] },
      transaction,
    };
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}

function accessTokenRefusal(row: AuthenticatedAccessToken | undefined): { refused: Refusal } | undefined {
  if (!row) {
    return unauthenticated(
      'INVALID_TOKEN',
      'The access token is not valid (unknown, or expired more than a day ago); request a new one at the token endpoint.',
    );
  }
  if (row.revoked) {
    return unauthenticated(
      'INVALID_TOKEN',
      'The access token is no longer valid: its OAuth client, or the client secret it was issued for, was revoked in Evercate. Use an active client and secret.',
    );
  }
  if (row.expired) {
    return unauthenticated(
      'TOKEN_EXPIRED',
      `The access token expired at ${new Date(row.expires_at).toISOString()}; request a new one at the token endpoint (Entra does so on its own).`,
    );
  }
  return undefined;
}
