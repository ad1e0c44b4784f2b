import type { Database } from '../../platform/db/database';
import { fragment, type Fragment } from '../../platform/db/sql-fragment';
import { TenantTransaction, type StatementPlanning } from '../../platform/db/tenant-transaction';
import type { Scope, TokenKind } from '../../domain/accounts/tokens/scopes';
import { hashTokenSecret } from '../../domain/accounts/tokens/token-secret';

/** Who is calling: the tenant (from the credential, never from an argument) and what they may do. */
export interface Principal {
  tenantId: string;
  kind: TokenKind | 'sso';
  /** The token id, or the signed-in user's id; recorded as the actor of changes. */
  subjectId: string;
  scopes: Scope[];
}

interface TokenRow {
  tenant_id: string;
  token_id: string;
  scopes: Scope[];
}

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
  planning: StatementPlanning = 'per-values',
): Promise<{ principal: Principal; transaction: TenantTransaction } | undefined> {
  const transaction = await TenantTransaction.begin(database);
  try {
    const secretHash = hashTokenSecret(secret);
    // Records use to the hour, in the same statement: a write per request would make every request
    // of a busy token (Entra runs several connections) queue on its row.
    const row = await transaction.enterTenantWith<TokenRow>(
      `with used as (
         update api_tokens set last_used_at = date_trunc('hour', now())
          where secret_hash = ? and kind = ? and revoked_at is null
            and (last_used_at is null or last_used_at < date_trunc('hour', now()))
       )
       select t.tenant_id, t.id as token_id, t.scopes, ${TenantTransaction.enterTenantColumns('t.tenant_id', planning)}
         from api_tokens t
        where t.secret_hash = ? and t.kind = ? and t.revoked_at is null`,
      [secretHash, kind, secretHash, kind],
    );
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

/** Selects the token as (tenant_id, subject), for the rate limiter; nothing when it is unknown or revoked. */
export function apiTokenCredential(secret: string, kind: TokenKind): Fragment {
  return fragment(
    `select t.tenant_id, t.id as subject from api_tokens t
      where t.secret_hash = ? and t.kind = ? and t.revoked_at is null`,
    hashTokenSecret(secret),
    kind,
  );
}
