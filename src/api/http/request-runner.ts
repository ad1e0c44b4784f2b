import type { Logger } from 'pino';
import type { Database } from '../../platform/db/database';
import { TenantTransaction } from '../../platform/db/tenant-transaction';
import { DomainError, TransientDatabaseError } from '../../platform/errors';
import type { Admission, Refusal } from '../auth/admission';
import type { Principal } from '../auth/principal';

/** A request admitted into its tenant: who is calling, and the one transaction its work runs in. */
export interface RequestSession {
  principal: Principal;
  transaction: TenantTransaction;
  log: Logger;
}

/** What became of a request; each edge renders it in its own format (SCIM errors, GraphQL JSON). */
export type RunOutcome<T> =
  | { kind: 'done'; result: T }
  /** Refused before any work: a bad credential (401), a rate limit (429), keys unreachable (503). */
  | { kind: 'refused'; refusal: Refusal }
  /** The database was unreachable or a transient conflict aborted the work: 503, retry. */
  | { kind: 'unavailable'; message: string }
  /** The work failed; nothing of it was saved. */
  | { kind: 'failed'; error: unknown };

export interface RunRequest<T> {
  log: Logger;
  /** Opens the request's transaction with the statement that authenticates and enters the tenant. */
  admit: () => Promise<Admission>;
  /** The request's work, in its transaction; `commit: false` rolls it back. */
  work: (session: RequestSession) => Promise<{ result: T; commit: boolean }>;
  /** Records a failed request, in a transaction of its own (the SCIM provisioning log). */
  recordFailure?: (session: RequestSession, error: unknown) => Promise<void>;
  /** Failures the client caused (logged as such, not as errors); domain errors always are. */
  isClientError?: (error: unknown) => boolean;
}

/**
 * The one way a request reaches the core, for both edges: authenticate and enter the tenant, run
 * the work in one transaction, commit or roll back, record a failure, and tell transient database
 * failures (503, retry) from everything else. Edges only parse and render; they hold no
 * transaction code.
 */
export class RequestRunner {
  constructor(private readonly database: Database) {}

  async run<T>(request: RunRequest<T>): Promise<RunOutcome<T>> {
    const { log } = request;
    let admission: Admission;
    try {
      admission = await request.admit();
    } catch (error) {
      return this.failure(error, request);
    }
    if ('refused' in admission) return { kind: 'refused', refusal: admission.refused };

    const session: RequestSession = { ...admission, log };
    try {
      const { result, commit } = await request.work(session);
      if (commit) await session.transaction.commit();
      else await session.transaction.rollback();
      return { kind: 'done', result };
    } catch (error) {
      await session.transaction.rollback();
      if (request.recordFailure && !(error instanceof TransientDatabaseError)) {
        await this.inTenant(session.principal, log, (failureSession) =>
          request.recordFailure!(failureSession, error),
        ).catch((recordError: unknown) => log.warn({ err: recordError }, 'could not record a failed request'));
      }
      return this.failure(error, request);
    }
  }

  /** Work in a fresh transaction of the principal's tenant, committed when it succeeds. */
  private async inTenant(principal: Principal, log: Logger, work: (session: RequestSession) => Promise<void>) {
    const transaction = await TenantTransaction.begin(this.database);
    try {
      await transaction.enterTenant(principal.tenantId);
      await work({ principal, transaction, log });
      await transaction.commit();
    } finally {
      await transaction.rollback();
    }
  }

  private failure<T>(error: unknown, request: RunRequest<T>): RunOutcome<T> {
    if (error instanceof TransientDatabaseError) {
      request.log.warn({ err: error.cause ?? error }, 'database unavailable');
      return { kind: 'unavailable', message: error.message };
    }
    if (!(error instanceof DomainError) && !request.isClientError?.(error)) {
      request.log.error({ err: error }, 'request failed');
    }
    return { kind: 'failed', error };
  }
}
