import { fragment, type Fragment } from '../../../platform/db/sql-fragment';
import type { Statement } from '../../../platform/db/statement';
import { enterTenantColumns } from '../../../platform/db/tenant-entry';
import type { Scope, TokenKind } from './scopes';
import { hashTokenSecret } from './token-secret';
import { rememberUse, useRecorded } from './token-use-record';

/** What the authenticating statement selects: the token's tenant, the token, its scopes. */
export interface AuthenticatedToken {
  tenant_id: string;
  token_id: string;
  scopes: Scope[];
  /** Whether the token's use was already recorded for this hour (before this statement). */
  use_recorded: boolean;
  /** When this hour ends, by the database's clock. */
  hour_ends: Date | string;
}

/**
 * The first statement of a request that carries a token: it finds the token (unknown, revoked and
 * wrong-kind tokens find nothing), enters its tenant, and records use to the hour. Recording more
 * often would make every request of a busy token (Entra runs several connections) queue on its row.
 * Once this process has seen the use recorded for the hour, the statement only selects
 * (token-use-record.ts): the UPDATE, even when it writes nothing, cost PostgreSQL about 100 µs to
 * plan on every request.
 */
export function tokenAuthentication(secretHash: Buffer, kind: TokenKind): Statement {
  const select = `select t.tenant_id, t.id as token_id, t.scopes,
              coalesce(t.last_used_at >= date_trunc('hour', now()), false) as use_recorded,
              date_trunc('hour', now()) + interval '1 hour' as hour_ends,
              ${enterTenantColumns('t.tenant_id')}
         from api_tokens t
        where t.secret_hash = ? and t.kind = ? and t.revoked_at is null`;
  if (useRecorded(secretHash)) return { text: select, params: [secretHash, kind] };
  return {
    text: `with used as (
         update api_tokens set last_used_at = date_trunc('hour', now())
          where secret_hash = ? and kind = ? and revoked_at is null
            and (last_used_at is null or last_used_at < date_trunc('hour', now()))
       )
       ${select}`,
    params: [secretHash, kind, secretHash, kind],
  };
}

/** After the authenticating statement: remembers whether the token's use is recorded for this hour. */
export function noteTokenUse(secretHash: Buffer, row: AuthenticatedToken): void {
  rememberUse(secretHash, row.use_recorded, row.hour_ends);
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
