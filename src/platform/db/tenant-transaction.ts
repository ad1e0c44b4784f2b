import { createHash } from 'node:crypto';
import type { QueryResult } from 'pg';
import { changesStatement, type Change } from '../../domain/directory/changes/change-recorder';
import { InvalidInputError } from '../errors';
import { NUL_MESSAGE, translateDatabaseError } from './database-errors';
import type { Database, PoolClient } from './database';
import { numberedPlaceholders, withLiterals } from './sql-literal';

/** The role request work runs as; row-level security applies to it (see the first migration). */
export const REQUEST_ROLE = 'evercate_directory_request';

/** Long enough for any legitimate request, short enough that a runaway query cannot pile up. */
const STATEMENT_TIMEOUT = '30s';

/** What services need: parameterised SQL (`?` placeholders) and the change record. */
export interface Sql {
  readonly tenantId: string;
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Adds to the change record. The changes are written by one statement just before commit,
   * so the tenant's change counter is always the last lock a transaction takes (no deadlocks,
   * and the lock is held only for the commit).
   */
  recordChanges(changes: readonly Change[]): void;
  /**
   * A write that only needs to happen if the transaction commits, sent with COMMIT in one round
   * trip (the provisioning log entry of a SCIM request).
   */
  writeAtCommit(text: string, params: readonly unknown[]): void;
}

/**
 * One database transaction confined to one tenant by row-level security: the tenant id is a
 * per-transaction setting (`app.tenant_id`) and the statements run as REQUEST_ROLE.
 * A GraphQL request (HTTP or in-process from SCIM) runs in exactly one of these.
 *
 * It runs on a connection of the pool directly, not through the ORM's unit of work: requests are
 * short and set-based, and round trips are what they cost. BEGIN travels with the first statement
 * (which authenticates and enters the tenant), and the change record with COMMIT, so a read is
 * three round trips and a write adds only its own statements.
 */
export class TenantTransaction implements Sql {
  private enteredTenantId: string | undefined;
  private begun = false;
  private finished = false;
  private savepoints = 0;
  private pendingChanges: Change[] = [];
  private writesAtCommit: Array<{ text: string; params: readonly unknown[] }> = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** Who is acting ("scim:<token id>", "graphql:<token id>", "cli"); recorded on every change. */
  actor = 'system';

  private constructor(
    private readonly database: Database,
    private readonly connection: PoolClient,
  ) {}

  static async begin(database: Database): Promise<TenantTransaction> {
    try {
      return new TenantTransaction(database, await database.acquireConnection());
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  /**
   * The select-list fragment that enters a tenant. Appended to a statement that already selects a
   * tenant_id column (the token lookup does this), it authenticates and enters in one round trip.
   */
  static enterTenantColumns(tenantIdExpression: string, planning: StatementPlanning = 'per-values'): string {
    return (
      `set_config('app.tenant_id', (${tenantIdExpression})::text, true) as entered_tenant, ` +
      `set_config('role', '${REQUEST_ROLE}', true) as entered_role, ` +
      `set_config('statement_timeout', '${STATEMENT_TIMEOUT}', true) as entered_timeout, ` +
      // JIT compiling pays off for long analytical queries, never for requests: it cost up to
      // 200 ms on queries that run in 20.
      `set_config('jit', 'off', true) as entered_jit, ` +
      `set_config('plan_cache_mode', '${PLAN_CACHE_MODE[planning]}', true) as entered_planning`
    );
  }

  /** Enters a tenant known by id (CLI, tests). */
  async enterTenant(tenantId: string): Promise<void> {
    await this.rawQuery(`select ${TenantTransaction.enterTenantColumns('?::uuid')}`, [tenantId]);
    this.enteredTenantId = tenantId;
  }

  /** Runs a statement before a tenant is entered; it must select the enter-tenant columns. */
  async enterTenantWith<Row extends { tenant_id: string }>(
    text: string,
    params: readonly unknown[],
  ): Promise<Row | undefined> {
    const [row] = await this.rawQuery<Row>(text, params);
    if (row) this.enteredTenantId = row.tenant_id;
    return row;
  }

  /**
   * Statements outside the tenant, as the connecting role (creating a tenant). Only before a
   * tenant is entered: afterwards the transaction runs as the request role.
   */
  async queryAsOwner<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    if (this.enteredTenantId) throw new Error('queryAsOwner after a tenant was entered');
    return this.rawQuery<Row>(text, params);
  }

  get tenantId(): string {
    if (!this.enteredTenantId) throw new Error('No tenant entered in this transaction');
    return this.enteredTenantId;
  }

  async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    this.assertEntered();
    return this.rawQuery<Row>(text, params);
  }

  recordChanges(changes: readonly Change[]): void {
    this.pendingChanges.push(...changes);
  }

  writeAtCommit(text: string, params: readonly unknown[]): void {
    if (params.some((param) => typeof param === 'string' && param.includes('\u0000'))) {
      throw new InvalidInputError(NUL_MESSAGE);
    }
    this.writesAtCommit.push({ text, params });
  }

  /**
   * Runs work that must happen entirely or not at all inside the larger transaction (one mutation
   * of a GraphQL request). A failure rolls back just this work and is rethrown.
   */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const name = `mutation_${++this.savepoints}`;
    const changesBefore = this.pendingChanges.length;
    const writesBefore = this.writesAtCommit.length;
    await this.rawQuery(`savepoint ${name}`);
    try {
      const result = await work();
      await this.rawQuery(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await this.rawQuery(`rollback to savepoint ${name}`);
      this.pendingChanges.length = changesBefore;
      this.writesAtCommit.length = writesBefore;
      throw error;
    }
  }

  /** Writes the change record and commits, in one round trip. */
  async commit(): Promise<void> {
    if (this.finished) return;
    try {
      if (this.begun) {
        const writes = [...this.writesAtCommit];
        if (this.pendingChanges.length > 0)
          writes.push(changesStatement(this.tenantId, this.actor, this.pendingChanges));
        const batch = [...writes.map((write) => withLiterals(write.text, write.params)), 'commit'];
        await this.send(batch.join(';\n'), [], 'simple', batch.length);
      }
      await this.finish();
    } catch (error) {
      await this.rollback();
      throw translateDatabaseError(error);
    }
  }

  /** Never throws: when the connection is gone, so is the transaction, and the original error matters. */
  async rollback(): Promise<void> {
    if (this.finished) return;
    if (this.begun) await this.send('rollback', [], 'simple').catch(() => undefined);
    await this.finish().catch(() => undefined);
  }

  private async finish(): Promise<void> {
    this.finished = true;
    await this.database.releaseConnection(this.connection);
  }

  private assertEntered(): void {
    // Without a tenant the statement would run as the connecting (privileged) role.
    if (!this.enteredTenantId) throw new Error('Query before a tenant was entered');
  }

  private rawQuery<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    // PostgreSQL text cannot hold U+0000, and the driver would cut the statement short at one.
    if (params.some((param) => typeof param === 'string' && param.includes('\u0000'))) {
      return Promise.reject(new InvalidInputError(NUL_MESSAGE));
    }
    if (this.finished) return Promise.reject(new Error('The transaction is over'));
    if (!this.begun) {
      // The first statement carries BEGIN; the simple protocol that allows two takes no parameters.
      this.begun = true;
      return this.send<Row>(`begin; ${withLiterals(text, params)}`, [], 'simple', 2);
    }
    return this.send<Row>(numberedPlaceholders(text), params, 'extended');
  }

  /**
   * One statement (or a `;`-joined few) at a time: resolvers run in parallel, but a transaction
   * is one connection, and the pg driver deprecates overlapping queries on a client.
   */
  private send<Row extends object>(
    text: string,
    params: readonly unknown[],
    protocol: 'simple' | 'extended',
    statements = 1,
  ): Promise<Row[]> {
    const run = async () => {
      this.database.statementCount += statements;
      try {
        const result = (await (protocol === 'simple'
          ? this.connection.query(text)
          : this.connection.query({
              text,
              values: params as unknown[],
              name: preparedName(this.connection, text),
            }))) as QueryResult | QueryResult[];
        const last = Array.isArray(result) ? result[result.length - 1]! : result;
        return last.rows as Row[];
      } catch (error) {
        throw translateDatabaseError(error);
      }
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/**
 * How PostgreSQL plans a transaction's prepared statements (prepared, they are parsed once per
 * connection either way).
 * - 'per-values': planned for each run's values. For GraphQL, whose clients shape the reads: how
 *   good a plan is depends on the tenant's size and on how many ids a batch holds, which a generic
 *   plan cannot know (one turned a 1 ms page of memberships into 20 ms).
 * - 'cached': PostgreSQL may switch to a generic plan after five runs. For SCIM's fixed point
 *   lookups and writes, whose plans do not depend on the values; 10-15 % more requests per second.
 */
export type StatementPlanning = 'per-values' | 'cached';

const PLAN_CACHE_MODE: Record<StatementPlanning, string> = { 'per-values': 'force_custom_plan', cached: 'auto' };

/** Statements each connection keeps prepared; past this, statements are parsed every time. */
const MAX_PREPARED_PER_CONNECTION = 500;
const preparedByConnection = new WeakMap<PoolClient, Set<string>>();

/**
 * A name under which PostgreSQL keeps the statement parsed (and, when it pays, planned) on this
 * connection, so the same statement text is not parsed again for every request. Statement texts
 * come from the code (values are parameters), so there are few; the cap bounds a backend's memory.
 */
function preparedName(connection: PoolClient, text: string): string | undefined {
  const name = `s_${createHash('sha1').update(text).digest('base64url')}`;
  let prepared = preparedByConnection.get(connection);
  if (!prepared) preparedByConnection.set(connection, (prepared = new Set()));
  if (prepared.has(name)) return name;
  if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return undefined;
  prepared.add(name);
  return name;
}
