import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { ClientBase } from 'pg';

/** A pg client from the pool. */
export type PoolClient = ClientBase;
import { sqlDefinitions } from '../../../migrations/sql-definitions';
import { buildOrmConfig } from './orm-config';
import { sqlLiteral } from './sql-literal';

/**
 * The connection pool and migrations, through MikroORM. Request work does not use this directly:
 * it opens a TenantTransaction (see tenant-transaction.ts).
 */
export class Database {
  /** Statements sent since start; tests read it to prove a request's statement count is bounded. */
  statementCount = 0;

  private constructor(private orm: MikroORM | undefined) {}

  static async connect(options: { url: string; poolMax: number; log?: Logger }): Promise<Database> {
    const database = new Database(undefined);
    database.orm = await MikroORM.init(
      buildOrmConfig({
        clientUrl: options.url,
        poolMax: options.poolMax,
        log: options.log,
        onStatement: () => {
          database.statementCount += 1;
        },
      }),
    );
    return database;
  }

  private get connectedOrm(): MikroORM {
    if (!this.orm) throw new Error('Database is not connected');
    return this.orm;
  }

  /** A fresh EntityManager; each request and each CLI command gets its own. */
  fork(): EntityManager {
    return this.connectedOrm.em.fork();
  }

  /**
   * Applies pending migrations, then the SQL definitions (migrations/sql) whose text changed.
   * Instances starting together take turns on an advisory lock, so exactly one applies each.
   */
  async migrate(): Promise<string[]> {
    const lockHolder = await this.acquireConnection();
    try {
      await lockHolder.query(`select pg_advisory_lock(hashtextextended('evercate-directory:migrations', 0))`);
      const applied = await this.connectedOrm.migrator.up();
      const { rows } = await lockHolder.query<{ name: string; checksum: string }>(
        'select name, checksum from directory_sql_definitions',
      );
      const current = new Map(rows.map((row) => [row.name, row.checksum]));
      const changed = sqlDefinitions().filter((definition) => current.get(definition.name) !== definition.checksum);
      for (const definition of changed) {
        // One transaction per file: a file either applies whole, with its checksum, or not at all.
        await lockHolder
          .query(
            `begin;\n${definition.sql};\n` +
              `insert into directory_sql_definitions (name, checksum) values (${sqlLiteral(definition.name)}, ${sqlLiteral(definition.checksum)})
               on conflict (name) do update set checksum = excluded.checksum, applied_at = now();\ncommit;`,
          )
          .catch(async (error: unknown) => {
            await lockHolder.query('rollback').catch(() => undefined);
            throw new Error(`migrations/sql/${definition.name} failed: ${(error as Error).message}`, { cause: error });
          });
      }
      return [...applied.map((migration) => migration.name), ...changed.map((definition) => definition.name)];
    } finally {
      await lockHolder.query(`select pg_advisory_unlock_all()`).catch(() => undefined);
      await this.releaseConnection(lockHolder);
    }
  }

  /**
   * A connection of the pool for one request's transaction (see TenantTransaction). It must be
   * given back with releaseConnection.
   */
  async acquireConnection(): Promise<PoolClient> {
    return (await this.knex().client.acquireConnection()) as PoolClient;
  }

  async releaseConnection(connection: PoolClient): Promise<void> {
    await this.knex().client.releaseConnection(connection);
  }

  private knex() {
    return this.connectedOrm.em.getConnection().getKnex();
  }

  async ping(): Promise<void> {
    await this.connectedOrm.em.getConnection().execute('select 1');
  }

  async close(): Promise<void> {
    await this.orm?.close(true);
  }
}
