import { createHash } from 'node:crypto';
import type { Statement } from '../../../platform/db/statement';
import type { Sql } from '../../../platform/db/tenant-transaction';

/** How long an administrator has to sign in at Microsoft and come back. */
export const AUTHORIZATION_REQUEST_MINUTES = 10;

/**
 * A sign-in at Microsoft under way: the secrets the callback needs, and where to go afterwards.
 * `state` and the browser binding are random; only their SHA-256 is stored, like token secrets.
 */
export interface NewAuthorizationRequest {
  state: string;
  browserBinding: string;
  nonce: string;
  codeVerifier: string;
  returnPath: string;
}

/** A request taken back at the callback. It is gone from the database once read: it works once. */
export interface ConsumedAuthorizationRequest {
  /** Connecting the tenant, or an administrator signing in to the admin page. */
  purpose: 'connect' | 'sign_in';
  /** The tenant that started connecting; null for a sign-in, whose tenant the ID token decides. */
  tenantId: string | null;
  nonce: string;
  codeVerifier: string;
  returnPath: string;
  /** Past its minutes: refused like a used one, with its own message. */
  expired: boolean;
  /** Whether the browser binding presented at the callback is the one that started it. */
  sameBrowser: boolean;
}

/** The stored form of a state or browser binding: 256 random bits need no slow hash. */
export function hashRequestSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Records the current tenant's connect request; the tenant's expired ones go at the same time. */
export async function recordConnectRequest(sql: Sql, request: NewAuthorizationRequest): Promise<void> {
  await sql.query(
    `with expired as (delete from entra_connect_requests where tenant_id = ? and expires_at < now())
     insert into entra_connect_requests
       (tenant_id, state_hash, browser_binding_hash, nonce, code_verifier, return_path, expires_at)
     values (?, ?, ?, ?, ?, ?, now() + make_interval(mins => ?))`,
    [sql.tenantId, sql.tenantId, ...requestValues(request)],
  );
}

/**
 * Records an admin-page sign-in request, before any tenant is known (the service's own role, like
 * the token lookup); expired ones of anybody go at the same time, so the table holds minutes' worth.
 */
export function signInRequestInsert(request: NewAuthorizationRequest): Statement {
  return {
    text: `with expired as (delete from entra_sign_in_requests where expires_at < now())
           insert into entra_sign_in_requests
             (state_hash, browser_binding_hash, nonce, code_verifier, return_path, expires_at)
           values (?, ?, ?, ?, ?, now() + make_interval(mins => ?))`,
    params: requestValues(request),
  };
}

/**
 * Takes a request back by its state, whichever kind it is, deleting it in the same statement so
 * that a replayed state finds nothing. Runs before any tenant is known.
 */
export function consumeAuthorizationRequest(state: string, browserBinding: string | undefined): Statement {
  const stateHash = hashRequestSecret(state);
  const bindingHash = browserBinding ? hashRequestSecret(browserBinding) : null;
  const returned = `nonce, code_verifier, return_path, expires_at <= now() as expired,
                    browser_binding_hash = ?::bytea is true as same_browser`;
  return {
    text: `with connect as (
             delete from entra_connect_requests where state_hash = ?
             returning 'connect'::text as purpose, tenant_id, ${returned}
           ), sign_in as (
             delete from entra_sign_in_requests where state_hash = ?
             returning 'sign_in'::text as purpose, null::uuid as tenant_id, ${returned}
           )
           select * from connect union all select * from sign_in`,
    params: [stateHash, bindingHash, stateHash, bindingHash],
  };
}

export interface ConsumedRequestRow {
  purpose: 'connect' | 'sign_in';
  tenant_id: string | null;
  nonce: string;
  code_verifier: string;
  return_path: string;
  expired: boolean;
  same_browser: boolean;
}

export function consumedRequest(row: ConsumedRequestRow): ConsumedAuthorizationRequest {
  return {
    purpose: row.purpose,
    tenantId: row.tenant_id,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    returnPath: row.return_path,
    expired: row.expired,
    sameBrowser: row.same_browser,
  };
}

function requestValues(request: NewAuthorizationRequest): unknown[] {
  return [
    hashRequestSecret(request.state),
    hashRequestSecret(request.browserBinding),
    request.nonce,
    request.codeVerifier,
    request.returnPath,
    AUTHORIZATION_REQUEST_MINUTES,
  ];
}
