import type { TenantTransaction } from '../../platform/db/tenant-transaction';
import type { Principal } from './principal';

/**
 * Why a credential was refused, for the client to act on (`extensions.reason` next to
 * `extensions.code: UNAUTHENTICATED`). A signed-in user's token has several ways to fail, and
 * "sign in again", "ask your admin to provision you" and "your account is deactivated" are
 * different things to tell a person.
 */
export type RefusalReason =
  | 'MISSING_TOKEN'
  | 'INVALID_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'WRONG_AUDIENCE'
  | 'UNKNOWN_ISSUER'
  | 'AMBIGUOUS_ISSUER'
  | 'SINGLE_SIGN_ON_OFF'
  | 'USER_NOT_PROVISIONED'
  | 'USER_AMBIGUOUS'
  | 'USER_DEACTIVATED';

/** A request answered before any GraphQL runs, with the HTTP status and the error the client sees. */
export interface Refusal {
  status: 401 | 429 | 503;
  message: string;
  extensions: { code: 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE' } & Record<string, unknown>;
  /** Sent as the Retry-After header (429, 503). */
  retryAfterSeconds?: number;
}

/** A principal in an open, tenant-confined transaction, or why not. */
export type Admission = { principal: Principal; transaction: TenantTransaction } | { refused: Refusal };

export function unauthenticated(reason: RefusalReason, message: string): { refused: Refusal } {
  return { refused: { status: 401, message, extensions: { code: 'UNAUTHENTICATED', reason } } };
}

export function rateLimited(limitPerMinute: number, retryAfterSeconds: number): { refused: Refusal } {
  return {
    refused: {
      status: 429,
      message: `Too many requests with this credential: the limit is ${limitPerMinute} per minute. Retry in ${retryAfterSeconds} s.`,
      extensions: { code: 'RATE_LIMITED', limitPerMinute, retryAfterSeconds },
      retryAfterSeconds,
    },
  };
}

export function identityProviderUnavailable(): { refused: Refusal } {
  return {
    refused: {
      status: 503,
      message: "The identity provider's signing keys could not be fetched to check the token; retry shortly.",
      extensions: { code: 'SERVICE_UNAVAILABLE' },
      retryAfterSeconds: 5,
    },
  };
}
