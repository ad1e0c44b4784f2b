import type { Logger } from 'pino';
import type { Database } from '../../platform/db/database';
import { TenantTransaction } from '../../platform/db/tenant-transaction';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DomainError,
  RequestTimeoutError,
  TransactionConflictError,
  TransientDatabaseError,
} from '../../platform/errors';
import type { Admission, Refusal } from '../auth/admission';
import { UNIDENTIFIED, type CredentialTenants } from '../auth/credential-tenants';
import type { Principal } from '../auth/principal';
import type { TenantFairShare } from './tenant-fair-share';

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
  /** The tenant already has its share of this instance busy: 429, retry shortly. */
  | { kind: 'busy'; message: string; retryAfterSeconds: number }
  /** The request ran past its time budget and was stopped: 503, ask for less or retry. */
  | { kind: 'timedOut'; message: string }
  /** The work failed; nothing of it was saved. */
  | { kind: 'failed'; error: unknown };

/** A run that lost to a concurrent transaction (a deadlock) and will run again. */
type AttemptOutcome<T> = RunOutcome<T> | { kind: 'conflicted' };

/**
 * How many times a request runs before a conflict with concurrent requests answers 503. Such a
 * conflict is a deadlock PostgreSQL broke: two manager changes that would close a cycle together
 * (migrations/sql/030-tree-cycles.sql), whose second run then sees the cycle.
 */
const CONFLICT_ATTEMPTS = 3;

export interface RunRequest<T> {
  log: Logger;
  /** The bearer credential, when the request has one: it names the request's fair share before any connection. */
  credential?: string;
  /** Heavy work (counts, searches, substring filters) takes one of the tenant's few heavy places too. */
  heavy?: boolean;
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
  constructor(
    private readonly database: Database,
    private readonly limits: {
      fairShare: TenantFairShare;
      credentialTenants: CredentialTenants;
      /** A request's wall-clock budget once admitted. */
      timeBudgetMs: number;
    },
  ) {}

  async run<T>(request: RunRequest<T>): Promise<RunOutcome<T>> {
    const { fairShare, credentialTenants } = this.limits;
    const known = request.credential === undefined ? undefined : credentialTenants.lookup(request.credential);
    const release = await fairShare.acquire(known?.tenant ?? UNIDENTIFIED, { heavy: request.heavy });
    if (typeof release !== 'function') {
      return {
        kind: 'busy',
        message:
          release.busy === 'heavy'
            ? `This tenant already has ${release.limit} expensive requests (counts, searches, substring filters) in progress on this server; retry in a second, or ask for less at once.`
            : `This tenant already has ${release.limit} requests in progress on this server; retry in a second.`,
        retryAfterSeconds: 1,
      };
    }
    try {
      const deadline = Date.now() + this.limits.timeBudgetMs;
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.attempt(request, deadline, attempt < CONFLICT_ATTEMPTS, known?.remember);
        if (outcome.kind !== 'conflicted') return outcome;
        request.log.debug({ attempt }, 'request lost to a concurrent one; running it again');
        await sleep(attempt * (5 + Math.random() * 20));
      }
    } finally {
      release();
    }
  }

  /**
   * One run of the request in a transaction of its own. `conflicted` when it lost to a concurrent
   * transaction and may run again: it was rolled back, nothing of it was saved or recorded.
   */
  private async attempt<T>(
    request: RunRequest<T>,
    deadline: number,
    mayRunAgain: boolean,
    rememberTenant: ((tenant: string) => void) | undefined,
  ): Promise<AttemptOutcome<T>> {
    const { log } = request;
    let admission: Admission;
    try {
      admission = await request.admit();
    } catch (error) {
      if (mayRunAgain && error instanceof TransactionConflictError) return { kind: 'conflicted' };
      return this.failure(error, request);
    }
    if ('refused' in admission) return { kind: 'refused', refusal: admission.refused };
    rememberTenant?.(admission.principal.tenantId);

    const session: RequestSession = { ...admission, log };
    const budgetMs = this.limits.timeBudgetMs;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        session.transaction.expire(new RequestTimeoutError(budgetMs));
      },
      Math.max(0, deadline - Date.now()),
    );
    try {
      const { result, commit } = await request.work(session);
      if (timedOut) throw new RequestTimeoutError(budgetMs);
      // A statement lost to a concurrent transaction, and the work went on (GraphQL turned the
      // error into part of its response): what it did is not what it meant to do.
      const conflict = session.transaction.conflict;
      if (conflict) throw conflict;
      if (commit) await session.transaction.commit();
      else await session.transaction.rollback();
      return { kind: 'done', result };
    } catch (error) {
      await session.transaction.rollback();
      if (timedOut) {
        log.warn({ budgetMs }, 'request stopped: past its time budget');
        return { kind: 'timedOut', message: new RequestTimeoutError(budgetMs).message };
      }
      const conflict = error instanceof TransactionConflictError ? error : session.transaction.conflict;
      if (conflict) {
        if (mayRunAgain) return { kind: 'conflicted' };
        return this.failure(conflict, request);
      }
      if (request.recordFailure && !(error instanceof TransientDatabaseError)) {
        await this.inTenant(session.principal, log, (failureSession) =>
          request.recordFailure!(failureSession, error),
        ).catch((recordError: unknown) => log.warn({ err: recordError }, 'could not record a failed request'));
      }
      return this.failure(error, request);
    } finally {
      clearTimeout(timer);
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
