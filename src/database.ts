import type { Logger } from 'pino';
import { migrations } from '../migrations';
import { sqlDefinitions } from '../migrations/sql-definitions';
import { CONSTRAINT_ERRORS } from './domain/constraint-errors';
import { ENTITIES } from './model';
import { KEPT_IN_SQL } from './model/kept-in-sql';
import type { Config } from './platform/config';
import { Database } from './platform/db/database';
import {
  connectToEmbeddedPostgres,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './platform/db/embedded-postgres';

export interface Connection {
  database: Database;
  /** The database's URL (DATABASE_URL, or the embedded PostgreSQL's), for what keeps connections of its own. */
  url: string;
  /** Set when the embedded PostgreSQL is in use. */
  embedded: EmbeddedPostgres | undefined;
  /** Closes the pool, then stops the embedded PostgreSQL when this process started it. */
  close(): Promise<void>;
}

/** This service's database: its entities, migrations, SQL definitions and constraint meanings. */
export function connectDatabase(options: { url: string; poolMax: number; log?: Logger }): Promise<Database> {
  return Database.connect({
    ...options,
    schema: { entities: ENTITIES, migrations, sqlDefinitions, librarySchemas: KEPT_IN_SQL.librarySchemas },
    constraintErrors: CONSTRAINT_ERRORS,
  });
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR. The server owns the
 * embedded cluster; a CLI command uses the running server's cluster, or starts it for its own run.
 * Migrations are applied either way, so both work on a fresh data directory.
 */
export async function connect(config: Config, log: Logger, role: 'server' | 'cli'): Promise<Connection> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded =
      role === 'server'
        ? await startEmbeddedPostgres({ dataDir: config.dataDir, log })
        : await connectToEmbeddedPostgres({ dataDir: config.dataDir, log });
    url = embedded.url;
  }
  try {
    const database = await connectDatabase({ url, poolMax: config.dbPoolMax, log });
    const applied = await database.migrate();
    if (applied.length > 0) log.info({ migrations: applied }, 'applied database migrations');
    return {
      database,
      url,
      embedded,
      async close() {
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
