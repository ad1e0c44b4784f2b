import type { EntityClass, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

/** What the service's database is made of: the entities and the migrations that build them. */
export interface DatabaseSchema {
  entities: readonly EntityClass<object>[];
  migrations: readonly MigrationObject[];
  /** Schemas that libraries own and migrate themselves (the job queue's): not part of the schema of record. */
  librarySchemas?: readonly string[];
}

export function buildOrmConfig(options: {
  clientUrl: string;
  poolMax: number;
  schema: DatabaseSchema;
  onStatement?: () => void;
  log?: Logger;
}): Options {
  const log = options.log;
  return defineConfig({
    clientUrl: options.clientUrl,
    entities: [...options.schema.entities],
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
      migrationsList: [...options.schema.migrations],
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
    schemaGenerator: { ignoreSchema: [...(options.schema.librarySchemas ?? [])] },
    allowGlobalContext: false,
  });
}
