import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Migrator } from '@mikro-orm/migrations';
import { migrations } from '../../../migrations';
import { ENTITIES } from '../../model';

export function buildOrmConfig(options: {
  clientUrl: string;
  poolMax: number;
  onStatement?: () => void;
  log?: Logger;
}): Options {
  const log = options.log;
  return defineConfig({
    clientUrl: options.clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    // Fail a request fast with a clear error when the database is unreachable, instead of queueing
    // it for knex's default of a minute.
    pool: { min: 0, max: options.poolMax, acquireTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    driverOptions: {
      connection: { connectionTimeoutMillis: 5_000, application_name: 'evercate-directory' },
      // knex reports dropped connections through its own logger (console by default).
      log: {
        warn: (message: unknown) => log?.warn({ knex: String(message) }, 'database connection warning'),
        error: (message: unknown) => log?.warn({ knex: String(message) }, 'database connection error'),
        deprecate: () => undefined,
        debug: () => undefined,
      },
    },
    migrations: {
      migrationsList: migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      silent: true,
      snapshot: false,
    },
    onQuery: (sql) => {
      options.onStatement?.();
      return sql;
    },
    allowGlobalContext: false,
  });
}
