import { knex } from '@mikro-orm/postgresql';
import { DatabaseError } from 'pg';
import { InvalidInputError, TransactionConflictError, TransientDatabaseError, type DomainError } from '../errors';

/**
 * Domain errors by constraint name. The concept that owns a constraint (users, groups, …) says
 * what its violation means, next to its service; the database only knows the names, which the
 * migrations set explicitly so that a renamed constraint fails the tests rather than leaking a 500.
 */
export type ConstraintErrors = Readonly<Record<string, (detail: string) => DomainError>>;

export const NUL_MESSAGE = 'Text may not contain the NUL character (U+0000); remove it and send the request again.';

/** SQLSTATEs of a transaction that lost to a concurrent one: a serialization failure, a deadlock. */
const CONFLICT_STATES = new Set(['40001', '40P01']);
/** SQLSTATEs that mean "try again later": a server shutting down or restarting. */
const TRANSIENT_STATES = new Set(['57P01', '57P02', '57P03']);
/** Errors of the socket to PostgreSQL (Node system errors). */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** pg reports a connection lost mid-query with a plain Error; its message is all there is. */
const LOST_CONNECTION = /^Connection terminated|not queryable/;

/** A PostgreSQL or driver error as the error a client should see; anything unexpected is returned as is. */
export function translateDatabaseError(error: unknown, constraints: ConstraintErrors): unknown {
  // The pool had no connection to give within its acquire timeout.
  if (error instanceof knex.KnexTimeoutError) {
    return new TransientDatabaseError('The database is busy or unavailable; retry the request.', error);
  }
  if (error instanceof DatabaseError) {
    if (error.constraint && constraints[error.constraint]) return constraints[error.constraint]!(error.detail ?? '');
    // A NUL inside JSON (\u0000) reaches PostgreSQL, which refuses it in jsonb.
    if (error.code === '22P05' || error.code === '22021') return new InvalidInputError(NUL_MESSAGE);
    if (error.code === '57014') {
      return new TransientDatabaseError('The request took too long and was cancelled; retry it.', error);
    }
    if (error.code && CONFLICT_STATES.has(error.code)) return new TransactionConflictError(error);
    if (error.code && (TRANSIENT_STATES.has(error.code) || error.code.startsWith('08'))) {
      return new TransientDatabaseError('The database is unavailable or busy; retry the request.', error);
    }
    return error;
  }
  // Not `instanceof Error`: errors raised by Node's net module come from another realm under jest.
  if (typeof error === 'object' && error !== null) {
    const { code, message = '' } = error as { code?: string; message?: string };
    if ((code && TRANSIENT_SOCKET_CODES.has(code)) || LOST_CONNECTION.test(message)) {
      return new TransientDatabaseError('The database is unavailable; retry the request.', error);
    }
  }
  return error;
}

/** PostgreSQL text cannot hold U+0000, and the driver would cut a statement short at one. */
export function assertNoNul(params: readonly unknown[]): void {
  if (params.some((param) => typeof param === 'string' && param.includes('\u0000'))) {
    throw new InvalidInputError(NUL_MESSAGE);
  }
}
