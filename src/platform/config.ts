import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Everything else receives a Config.
 * Invalid settings fail the start with a message that names the variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  PUBLIC_BASE_URL: z.url().optional(),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  GRAPHIQL: booleanFlag.optional(),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(50_000),
  GRAPHQL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  SSO_JWKS_REFRESH_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  REQUEST_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  DELETED_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  CHANGE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  PROVISIONING_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  CREATE_DEMO_TENANT: booleanFlag.optional(),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** Set when an external PostgreSQL is used; unset means the embedded one under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** The URL clients reach the service at, for SCIM `meta.location` and printed URLs. */
  publicBaseUrl: string | undefined;
  trustProxy: boolean;
  logLevel: string;
  dbPoolMax: number;
  graphql: {
    introspection: boolean;
    graphiql: boolean;
    maxDepth: number;
    maxCost: number;
    /** Requests per credential (API token or signed-in user) per minute; 0 turns the limit off. */
    rateLimitPerMinute: number;
  };
  sso: {
    /** The least time between two fetches of an identity provider's signing keys for an unknown key id. */
    jwksRefreshCooldownSeconds: number;
  };
  requestBodyLimitBytes: number;
  createDemoTenant: boolean;
  retention: RetentionSettings;
  /** How often each instance purges what is past retention; 0 leaves it to `cli purge`. */
  purgeIntervalMinutes: number;
}

/** How long the directory keeps what clients may still come back for. */
export interface RetentionSettings {
  /** Deleted users and groups stay restorable this long. */
  deletedObjectsDays: number;
  /** The change feed reaches back this far; an older cursor answers CURSOR_EXPIRED. */
  changesDays: number;
  provisioningEventsDays: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.DB_POOL_MAX,
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !production,
      graphiql: e.GRAPHIQL ?? !production,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      rateLimitPerMinute: e.GRAPHQL_RATE_LIMIT_PER_MINUTE,
    },
    sso: { jwksRefreshCooldownSeconds: e.SSO_JWKS_REFRESH_COOLDOWN_SECONDS },
    requestBodyLimitBytes: e.REQUEST_BODY_LIMIT,
    createDemoTenant: e.CREATE_DEMO_TENANT ?? !e.DATABASE_URL,
    retention: {
      deletedObjectsDays: e.DELETED_RETENTION_DAYS,
      changesDays: e.CHANGE_RETENTION_DAYS,
      provisioningEventsDays: e.PROVISIONING_LOG_RETENTION_DAYS,
    },
    purgeIntervalMinutes: e.PURGE_INTERVAL_MINUTES,
  };
}
