import type { Database } from './database';
import type { TransactionConflictError } from '../errors';
import type { SerialConnection } from './serial-connection';
import type { Statement } from './statement';
import { enterTenantColumns, type StatementPlanning } from './tenant-entry';

/**
 * Something that writes at commit what a transaction collected (the change record). Its
 * statement is sent in the COMMIT round trip; a rolled-back savepoint forgets what was collected
 * inside it.
 */
export interface CommitHook {
  /** The statement to send with COMMIT, or nothing when there is nothing to write. */
  statementAtCommit(): Statement | undefined;
  /** A savepoint begins: returns what undoes everything collected from now on. */
  mark(): () => void;
}

/** How one statement wants to be run. */
export interface QueryOptions {
  /**
   * Its best plan depends on its values (a client's filter narrows it): in a transaction that
   * plans so ('per-values', see StatementPlanning), it is planned for each run's values instead
   * of using a cached plan.
   */
  readonly planForValues?: boolean;
}

/** What services need: parameterised SQL (`?` placeholders) in one tenant, and writes deferred to commit. */
export interface Sql {
  readonly tenantId: string;
  query<Row extends object>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
  /** A write that only matters if the transaction commits (a provisioning log entry), sent with COMMIT. */
  writeAtCommit(statement: Statement): void;
  /** Registered hooks write, in registration order, after the deferred writes. */
  addCommitHook(hook: CommitHook): void;
  /**
   * How many statements this transaction has sent so far. Equal before and after some work, it
   * proves that no statement ran in between: a row read and locked then is still as read.
   */
  readonly statementsSent: number;
}

/**
 * One database transaction on one pooled connection, confined to one tenant by row-level
 * security (see tenant-entry.ts). BEGIN travels with the first statement, which authenticates
 * and enters the tenant, and the deferred writes with COMMIT, so a read costs three round trips
 * and a write adds only its own statements.
 */
export class TenantTransaction implements Sql {
  private enteredTenantId: string | undefined;
  private planning: StatementPlanning = 'per-values';
  private begun = false;
  private finished = false;
  private savepoints = 0;
  private sent = 0;
  private readonly deferred: Statement[] = [];
  private readonly hooks: CommitHook[] = [];

  private constructor(
    private readonly database: Database,
    private readonly connection: SerialConnection,
  ) {}

  static async begin(database: Database): Promise<TenantTransaction> {
    return new TenantTransaction(database, await database.acquire());
  }

  /**
   * The first statement: it must select `tenant_id` and the enter-tenant columns
   * (enterTenantColumns). Nothing found means nothing was entered (an unknown credential).
   */
  async enterWith<Row extends { tenant_id: string }>(
    statement: Statement,
    planning: StatementPlanning,
  ): Promise<Row | undefined> {
    const [row] = await this.send<Row>(statement);
    if (row) {
      this.enteredTenantId = row.tenant_id;
      this.planning = planning;
    }
    return row;
  }

  /** Enters a tenant known by id (CLI, tests). */
  async enterTenant(tenantId: string, planning: StatementPlanning = 'per-values'): Promise<void> {
    await this.send({ text: `select ${enterTenantColumns('?::uuid')}`, params: [tenantId] });
    this.enteredTenantId = tenantId;
    this.planning = planning;
  }

  /**
   * Statements outside the tenant, as the connecting role (creating a tenant). Only before a
   * tenant is entered: afterwards the transaction runs as the request role.
   */
  async queryAsOwner<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    if (this.enteredTenantId) throw new Error('queryAsOwner after a tenant was entered');
    return this.send<Row>({ text, params });
  }

  get tenantId(): string {
    if (!this.enteredTenantId) throw new Error('No tenant entered in this transaction');
    return this.enteredTenantId;
  }

  /**
   * Set when a statement of this transaction lost to a concurrent transaction (a deadlock): the
   * work cannot be trusted to have done what it meant to, even when its caller caught the error
   * (a GraphQL resolver's error becomes part of a response), so it must be rolled back and run again.
   */
  get conflict(): TransactionConflictError | undefined {
    return this.connection.conflict;
  }

  /** The pooled connection's backend, for cancelling its statement (request deadlines). */
  get client() {
    return this.connection.client;
  }

  async query<Row extends object>(
    text: string,
    params: readonly unknown[] = [],
    options: QueryOptions = {},
  ): Promise<Row[]> {
    // Without a tenant the statement would run as the connecting (privileged) role.
    if (!this.enteredTenantId) throw new Error('Query before a tenant was entered');
    const planForValues = options.planForValues === true && this.planning === 'per-values';
    return this.send<Row>({ text, params }, planForValues ? 'unnamed' : 'prepared');
  }

  writeAtCommit(statement: Statement): void {
    this.deferred.push(statement);
  }

  addCommitHook(hook: CommitHook): void {
    this.hooks.push(hook);
  }

  /**
   * Runs work that must happen entirely or not at all inside the larger transaction (one mutation
   * of a GraphQL request). A failure rolls back just this work and is rethrown.
   */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const name = `mutation_${++this.savepoints}`;
    const deferredBefore = this.deferred.length;
    const undo = this.hooks.map((hook) => hook.mark());
    await this.send({ text: `savepoint ${name}`, params: [] });
    try {
      const result = await work();
      await this.send({ text: `release savepoint ${name}`, params: [] });
      return result;
    } catch (error) {
      await this.send({ text: `rollback to savepoint ${name}`, params: [] });
      this.deferred.length = deferredBefore;
      for (const forget of undo) forget();
      throw error;
    }
  }

  /** Sends the deferred writes, the hooks' statements and COMMIT in one round trip. */
  async commit(): Promise<void> {
    if (this.finished) return;
    try {
      if (this.begun) {
        const atCommit = [...this.deferred, ...this.hooks.map((hook) => hook.statementAtCommit())].filter(
          (statement): statement is Statement => statement !== undefined,
        );
        await this.connection.batch([...atCommit, { text: 'commit', params: [] }]);
      }
      this.release();
    } catch (error) {
      await this.rollback();
      throw error;
    }
  }

  /** Never throws: when the connection is gone, so is the transaction, and the original error matters. */
  async rollback(): Promise<void> {
    if (this.finished) return;
    if (this.begun) await this.connection.rollback().catch(() => undefined);
    this.release();
  }

  /**
   * Stops the transaction's work (its request ran out of time): the statement running now is
   * cancelled, every later one fails with `error`, and only rollback remains.
   */
  expire(error: Error): void {
    if (this.finished) return;
    this.connection.stop(error);
    if (this.connection.busy) void this.database.cancel(this.connection);
  }

  private release(): void {
    this.finished = true;
    this.database.release(this.connection);
  }

  get statementsSent(): number {
    return this.sent;
  }

  /** `kept`: see SerialConnection.query ('unnamed' is planned for the values of each run). */
  private send<Row extends object>(statement: Statement, kept: 'prepared' | 'unnamed' = 'prepared'): Promise<Row[]> {
    if (this.finished) return Promise.reject(new Error('The transaction is over'));
    this.sent += 1;
    if (!this.begun) {
      // The first statement carries BEGIN; the simple protocol that allows two takes no parameters.
      // It goes as text: the authenticating statement cost PostgreSQL about 90 µs more as
      // EXECUTE of a prepared statement than as text (docs/architecture.md, "Statements").
      this.begun = true;
      return this.connection.batch<Row>([{ text: 'begin', params: [] }, statement], false);
    }
    return this.connection.query<Row>(statement.text, statement.params, kept);
  }
}
