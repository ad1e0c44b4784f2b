import { fragment, type Fragment } from '../../../platform/db/sql-fragment';
import type { Statement } from '../../../platform/db/statement';
import { enterTenantColumns, type StatementPlanning } from '../../../platform/db/tenant-entry';
import type { Scope, TokenKind } from './scopes';
import { hashTokenSecret } from './token-secret';

/** What the authenticating statement selects: the token's tenant, the token, its scopes. */
export interface AuthenticatedToken {
  tenant_id: string;
  token_id: string;
  scopes: Scope[];
}

/**
 * The first statement of a request that carries a token: it finds the token (unknown, revoked and
 * wrong-kind tokens find nothing), enters its tenant, and records use to the hour. Recording more
 * often would make every request of a busy token (Entra runs several connections) queue on its row.
 */
export function tokenAuthentication(secret: string, kind: TokenKind, planning: StatementPlanning): Statement {
  const secretHash = hashTokenSecret(secret);
  return {
    text: `with used as (
         update api_tokens set last_used_at = date_trunc('hour', now())
          where secret_hash = ? and kind = ? and revoked_at is null
            and (last_used_at is null or last_used_at < date_trunc('hour', now()))
       )
       select t.tenant_id, t.id as token_id, t.scopes, ${enterTenantColumns('t.tenant_id', planning)}
         from api_tokens t
        where t.secret_hash = ? and t.kind = ? and t.revoked_at is null`,
    params: [secretHash, kind, secretHash, kind],
  };
}

/** Selects the token as (tenant_id, subject), for the rate limiter; nothing when it is unknown or revoked. */
export function tokenCredential(secret: string, kind: TokenKind): Fragment {
  return fragment(
    `select t.tenant_id, t.id as subject from api_tokens t
      where t.secret_hash = ? and t.kind = ? and t.revoked_at is null`,
    hashTokenSecret(secret),
    kind,
  );
}
