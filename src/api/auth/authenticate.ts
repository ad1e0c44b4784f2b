import { tokenAuthentication, type AuthenticatedToken } from '../../domain/accounts/tokens/token-authentication';
import type { TokenKind } from '../../domain/accounts/tokens/scopes';
import type { Database } from '../../platform/db/database';
import type { StatementPlanning } from '../../platform/db/tenant-entry';
import { TenantTransaction } from '../../platform/db/tenant-transaction';
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
    const row = await transaction.enterWith<AuthenticatedToken>(tokenAuthentication(secret, kind, planning));
    if (!row) {
      await transaction.rollback();
      return undefined;
    }
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
