import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { ClientBase } from 'pg';
import type { Logger } from 'pino';
import { translateDatabaseError, type ConstraintErrors } from './database-errors';
import { sendCancelRequest } from './cancel-request';
import { buildOrmConfig, type DatabaseSchema } from './orm-config';
import { SerialConnection } from './serial-connection';
import { sqlLiteral } from './sql-literal';
import type { Statement } from './statement';

/** A file of functions and triggers in force (migrations/sql), applied whenever its text changes. */
export interface SqlDefinition {
  name: string;
  sql: string;
  checksum: string;
}

/** The connection pool right now, for metrics. */
export interface PoolStats {
  /** The most connections the pool opens (DB_POOL_MAX). */
  max: number;
  /** Connections open or being opened. */
  size: number;
  /** Connections lent out to a transaction or statement. */
  inUse: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

/** The part of tarn's pool (knex's, inside MikroORM) that tells its state. */
interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  schema: DatabaseSchema & { sqlDefinitions: () => SqlDefinition[] };
  constraintErrors: ConstraintErrors;
  log?: Logger;
}

/**
 * The service's PostgreSQL, through MikroORM and its one connection pool. There are three ways in,
 * each for its own kind of work:
 * - a TenantTransaction (tenant-transaction.ts) on a pooled connection, for request work and
 *   anything inside one tenant: set-based SQL, entered into the tenant under row-level security;
 * - `em()`, MikroORM's unit of work, for administration outside requests (tenants, the CLI);
 * - `execute()`, one autocommitted statement, for what must not wait for or share a request's
 *   transaction (a rate-limit count) or runs before a tenant is known (an SSO issuer lookup).
 */
export class Database {
  /** Statements sent since start; tests read it to prove a request's statement count is bounded. */
  statementCount = 0;
  /** Round trips to PostgreSQL since start (several statements can travel in one); tests read it. */
  roundTrips = 0;

  private constructor(
    private readonly orm: MikroORM,
    private readonly options: DatabaseOptions,
  ) {}

  static async connect(options: DatabaseOptions): Promise<Database> {
    let database: Database | undefined;
    const orm = await MikroORM.init(
      buildOrmConfig({
        clientUrl: options.url,
        poolMax: options.poolMax,
        schema: options.schema,
        log: options.log,
        onStatement: () => {
          if (!database) return;
          database.statementCount += 1;
          database.roundTrips += 1;
        },
      }),
    );
    database = new Database(orm, options);
    return database;
  }

  get constraintErrors(): ConstraintErrors {
    return this.options.constraintErrors;
  }

  /** A fresh EntityManager (unit of work) for one piece of administration. */
  em(): EntityManager {
    return this.orm.em.fork();
  }

  /** One statement on its own pooled connection, autocommitted, as the connecting role. */
  async execute<Row extends object>(statement: Statement): Promise<Row[]> {
    try {
      return await this.orm.em.getConnection().execute<Row[]>(statement.text, [...statement.params], 'all');
    } catch (error) {
      throw translateDatabaseError(error, this.constraintErrors);
    }
  }

  /** A pooled connection for one transaction; give it back with release(). */
  async acquire(): Promise<SerialConnection> {
    try {
      const client = (await this.knexClient().acquireConnection()) as ClientBase;
      return new SerialConnection(client, this.constraintErrors, (count) => {
        this.statementCount += count;
        this.roundTrips += 1;
      });
    } catch (error) {
      throw translateDatabaseError(error, this.constraintErrors);
    }
  }

  /** Cancels the statement a connection is running (see cancel-request.ts). */
  async cancel(connection: SerialConnection): Promise<void> {
    const { processID, secretKey } = connection.client as unknown as { processID: number; secretKey: number };
    const url = new URL(this.options.url);
    await sendCancelRequest(
      {
        host: decodeURIComponent(url.searchParams.get('host') ?? url.hostname.replace(/^\[|\]$/g, '')),
        port: Number(url.port || 5432),
      },
      { processID, secretKey },
    );
  }

  release(connection: SerialConnection): void {
    void Promise.resolve(this.knexClient().releaseConnection(connection.client)).catch(() => undefined);
  }

  /**
   * Applies pending migrations, then the SQL definitions whose text changed. Instances starting
   * together take turns on an advisory lock, so exactly one applies each.
   */
  async migrate(): Promise<string[]> {
    const connection = await this.acquire();
    const lock = connection.client;
    try {
      await lock.query(`select pg_advisory_lock(hashtextextended('evercate-directory:migrations', 0))`);
      const migrations = await this.orm.migrator.up();
      const { rows } = await lock.query<{ name: string; checksum: string }>(
        'select name, checksum from directory_sql_definitions',
      );
      const applied = new Map(rows.map((row) => [row.name, row.checksum]));
      const changed = this.options.schema
        .sqlDefinitions()
        .filter((definition) => applied.get(definition.name) !== definition.checksum);
      for (const definition of changed) {
        // One transaction per file: a file applies whole, with its checksum, or not at all.
        await lock
          .query(
            `begin;\n${definition.sql};\n` +
              `insert into directory_sql_definitions (name, checksum) values (${sqlLiteral(definition.name)}, ${sqlLiteral(definition.checksum)})
               on conflict (name) do update set checksum = excluded.checksum, applied_at = now();\ncommit;`,
          )
          .catch(async (error: unknown) => {
            await lock.query('rollback').catch(() => undefined);
            throw new Error(`migrations/sql/${definition.name} failed: ${(error as Error).message}`, { cause: error });
          });
      }
      return [...migrations.map((migration) => migration.name), ...changed.map((definition) => definition.name)];
    } finally {
      await lock.query(`select pg_advisory_unlock_all()`).catch(() => undefined);
      this.release(connection);
    }
  }

  poolStats(): PoolStats {
    const pool = (this.knexClient() as { pool?: TarnPool }).pool;
    if (!pool) return { max: this.options.poolMax, size: 0, inUse: 0, waiting: 0 };
    return {
      max: pool.max,
      size: pool.numUsed() + pool.numFree() + pool.numPendingCreates(),
      inUse: pool.numUsed(),
      waiting: pool.numPendingAcquires(),
    };
  }

  async ping(): Promise<void> {
    await this.execute({ text: 'select 1', params: [] });
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }

  /** The pool is knex's, inside MikroORM; acquiring from it (and reading its state) is the one use of knex's client here. */
  private knexClient() {
    return this.orm.em.getConnection().getKnex().client;
  }
}
