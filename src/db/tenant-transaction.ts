import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from './database';
import { NUL_MESSAGE, translateDatabaseError } from './constraint-errors';
import { InvalidInputError } from '../directory/errors';
import { writeChanges, type Change } from '../directory/changes/change-recorder';

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
}

/**
 * One database transaction confined to one tenant by row-level security: the tenant id is a
 * per-transaction setting (`app.tenant_id`) and the statements run as REQUEST_ROLE.
 * A GraphQL request (HTTP or in-process from SCIM) runs in exactly one of these.
 */
export class TenantTransaction implements Sql {
  private enteredTenantId: string | undefined;
  private finished = false;
  private savepoints = 0;
  private pendingChanges: Change[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** Who is acting ("scim:<token id>", "graphql:<token id>", "cli"); recorded on every change. */
  actor = 'system';

  private constructor(readonly em: EntityManager) {}

  static async begin(database: Database): Promise<TenantTransaction> {
    const em = database.fork();
    try {
      await em.begin();
    } catch (error) {
      throw translateDatabaseError(error);
    }
    return new TenantTransaction(em);
  }

  /**
   * The select-list fragment that enters a tenant. Appended to a statement that already selects a
   * tenant_id column (the token lookup does this), it authenticates and enters in one round trip.
   */
  static enterTenantColumns(tenantIdExpression: string): string {
    return (
      `set_config('app.tenant_id', (${tenantIdExpression})::text, true) as entered_tenant, ` +
      `set_config('role', '${REQUEST_ROLE}', true) as entered_role, ` +
      `set_config('statement_timeout', '${STATEMENT_TIMEOUT}', true) as entered_timeout`
    );
  }

  /** Enters a tenant known by id (CLI, tests). */
  async enterTenant(tenantId: string): Promise<void> {
    await this.rawQuery(`select ${TenantTransaction.enterTenantColumns('?')}`, [tenantId]);
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

  /**
   * Runs work that must happen entirely or not at all inside the larger transaction (one mutation
   * of a GraphQL request). A failure rolls back just this work and is rethrown.
   */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    const name = `mutation_${++this.savepoints}`;
    const changesBefore = this.pendingChanges.length;
    await this.rawQuery(`savepoint ${name}`);
    try {
      const result = await work();
      await this.rawQuery(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await this.rawQuery(`rollback to savepoint ${name}`);
      this.pendingChanges.length = changesBefore;
      throw error;
    }
  }

  async commit(): Promise<void> {
    if (this.finished) return;
    try {
      if (this.pendingChanges.length > 0) await writeChanges(this, this.actor, this.pendingChanges);
      this.finished = true;
      await this.em.commit();
    } catch (error) {
      await this.rollback();
      throw translateDatabaseError(error);
    }
  }

  /** Never throws: when the connection is gone, so is the transaction, and the original error matters. */
  async rollback(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.em.rollback().catch(() => undefined);
  }

  private assertEntered(): void {
    // Without a tenant the statement would run as the connecting (privileged) role.
    if (!this.enteredTenantId) throw new Error('Query before a tenant was entered');
  }

  /**
   * One statement at a time: resolvers run in parallel, but a transaction is one connection, and
   * the pg driver deprecates overlapping queries on a client.
   */
  private rawQuery<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    // PostgreSQL text cannot hold U+0000, and the driver would cut the statement short at one.
    if (params.some((param) => typeof param === 'string' && param.includes('\u0000'))) {
      return Promise.reject(new InvalidInputError(NUL_MESSAGE));
    }
    const run = async () => {
      try {
        return await this.em
          .getConnection()
          .execute<Row[]>(text, params as unknown[], 'all', this.em.getTransactionContext());
      } catch (error) {
        throw translateDatabaseError(error);
      }
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
