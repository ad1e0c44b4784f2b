import os from 'node:os';
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
  GRAPHQL_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).default(32_768),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(10_000),
  // Past a few hundred levels graphql's recursive parser and validation could overflow the stack.
  GRAPHQL_MAX_NESTING: z.coerce.number().int().min(8).max(500).default(64),
  GRAPHQL_MAX_FRAGMENTS: z.coerce.number().int().min(0).default(100),
  GRAPHQL_MAX_FRAGMENT_SPREADS: z.coerce.number().int().min(0).default(500),
  GRAPHQL_MAX_FIELDS: z.coerce.number().int().min(10).default(1_000),
  GRAPHQL_MAX_REPEATED_FIELDS: z.coerce.number().int().min(0).default(50),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(100),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(100),
  GRAPHQL_MAX_INPUT_DEPTH: z.coerce.number().int().min(2).max(100).default(20),
  GRAPHQL_MAX_VARIABLE_VALUES: z.coerce.number().int().min(10).default(10_000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(50_000),
  // Measured on 20,000 users: a count or a substring search takes 10–30 ms, a mutation about 2 ms,
  // a page of 2,000 resolved values about 7 ms; so a default budget stays a few hundred ms.
  GRAPHQL_COST_COUNT: z.coerce.number().int().min(0).default(5_000),
  GRAPHQL_COST_SEARCH: z.coerce.number().int().min(0).default(5_000),
  GRAPHQL_COST_MUTATION: z.coerce.number().int().min(0).default(500),
  GRAPHQL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  SSO_JWKS_REFRESH_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  OAUTH_CLIENT_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  OAUTH_SOURCE_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  REQUEST_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  // A GraphQL document may be 32 KB; the rest is room for variables. Larger bodies are refused by
  // their Content-Length, before a byte is read or parsed.
  GRAPHQL_BODY_LIMIT: z.coerce.number().int().min(1024).default(262_144),
  // Entra gives up after 60 s; a request that cannot finish well before is stopped.
  REQUEST_TIME_BUDGET_SECONDS: z.coerce.number().min(1).max(55).default(20),
  BODY_READ_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(10),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(10),
  TENANT_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).optional(),
  TENANT_MAX_CONCURRENT_HEAVY_REQUESTS: z.coerce.number().int().min(1).optional(),
  GRAPHQL_HEAVY_COST: z.coerce.number().int().min(1).default(5_000),
  TENANT_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  DELETED_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  CHANGE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  PROVISIONING_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  CREATE_DEMO_TENANT: booleanFlag.optional(),
  ENTRA_CLIENT_ID: z.string().trim().min(1).optional(),
  ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
  ENTRA_AUTHORITY: z
    .url()
    .refine(secureOrLoopback, 'must be an https URL (http only for localhost or 127.0.0.1)')
    .default('https://login.microsoftonline.com'),
  WEBHOOK_WORKER: booleanFlag.default(true),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_RETRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  WEBHOOK_RETRY_FIRST_DELAY_MS: z.coerce.number().int().min(10).default(10_000),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  METRICS: booleanFlag.default(false),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

/** Plain http only for the machine itself: a local stand-in for Microsoft in development and tests. */
function secureOrLoopback(value: string): boolean {
  const url = new URL(value);
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
  );
}

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
    limits: GraphQLLimits;
    /**
     * Requests per credential (API token or signed-in user) per minute, a request with mutations
     * counting one per mutation; 0 turns the limit off.
     */
    rateLimitPerMinute: number;
  };
  sso: {
    /**
     * The least time between two fetches of an identity provider's signing keys for an unknown key
     * id (single sign-on and federated OAuth clients).
     */
    jwksRefreshCooldownSeconds: number;
  };
  /** "Connect Microsoft Entra ID" (src/api/auth/entra); undefined when the operator has not set it up. */
  entra: EntraSettings | undefined;
  oauth: {
    /**
     * Failed token requests per client id per minute (from all sources) before the sources that
     * failed for it are held back with 429; other sources, the real client's, are still served.
     */
    clientFailuresPerMinute: number;
    /** Failed token requests per source address per minute before everything from it is held back. */
    sourceFailuresPerMinute: number;
  };
  requestBodyLimitBytes: number;
  /** Largest GraphQL request body (GRAPHQL_BODY_LIMIT); smaller than SCIM's, as documents are bounded anyway. */
  graphqlBodyLimitBytes: number;
  http: HttpLimits;
  createDemoTenant: boolean;
  retention: RetentionSettings;
  /** How often each instance purges what is past retention; 0 leaves it to `cli purge`. */
  purgeIntervalMinutes: number;
  webhooks: WebhookSettings;
  metrics: {
    /** Serve Prometheus metrics at GET /metrics. */
    enabled: boolean;
    /** Serve them on this port instead of the service's own (keeps them off the public port). */
    port: number | undefined;
  };
}

/** How this instance delivers webhooks (src/worker). */
export interface WebhookSettings {
  /** Whether this instance delivers at all; every instance that does shares the work. */
  worker: boolean;
  /** Deliver to private, loopback and link-local addresses too (and over http to any address). */
  allowPrivateTargets: boolean;
  /** Webhooks delivered at once by this instance; each webhook has one delivery in flight at most. */
  concurrency: number;
  /** The longest an attempt may take, from connecting to the end of the response. */
  timeoutMs: number;
  retry: {
    /** The backoff before the second attempt; it doubles from there (with jitter), up to an hour. */
    firstDelayMs: number;
    /** How long a failing change is retried before the webhook is paused. */
    windowMs: number;
  };
  /** How often each instance looks for webhooks with changes to deliver. */
  pollIntervalMs: number;
}

/** What keeps one client, or one tenant, from taking the service away from the others. */
export interface HttpLimits {
  /** A request's wall-clock budget once admitted; past it its statements are cancelled. */
  requestTimeBudgetMs: number;
  /** A request body must have arrived within this long (408 otherwise). */
  bodyReadTimeoutMs: number;
  /** The request line and headers must have arrived within this long. */
  headersTimeoutMs: number;
  /** Requests of one tenant holding or awaiting a database connection on this instance. */
  tenantMaxConcurrentRequests: number;
  /** Of those, heavy ones (GraphQL at GRAPHQL_HEAVY_COST or more; SCIM lists not found by eq). */
  tenantMaxConcurrentHeavyRequests: number;
  /** How long a tenant's request waits for one of those places before it answers 429. */
  tenantQueueWaitMs: number;
}

/**
 * What a GraphQL document over HTTP may ask for, checked before graphql-js validates or runs it
 * (src/api/graphql/guard). Each limit answers 400 with its own error code when passed.
 */
export interface GraphQLLimits {
  maxDocumentBytes: number;
  maxTokens: number;
  /** Brackets ({ [ and ( ) inside each other, anywhere in the document. */
  maxNesting: number;
  /** Fragment definitions in the document. */
  maxFragments: number;
  /** Fragment spreads in the operation, a spread inside a fragment counting each time that fragment is spread. */
  maxFragmentSpreads: number;
  /** Fields in the operation, a fragment's fields counting each time it is spread. */
  maxFields: number;
  /** Fields whose name or alias occurs already in the same selection. */
  maxRepeatedFields: number;
  maxAliases: number;
  maxDirectives: number;
  /** Nesting of input objects and lists, in an argument of the document or in a variable. */
  maxInputDepth: number;
  /** Values (scalars, objects and lists) in all of a request's variables. */
  maxVariableValues: number;
  /** Field nesting, introspection not counted. */
  maxDepth: number;
  /** Estimated cost: about one per value the operation could return, plus the weights below. */
  maxCost: number;
  /** From this estimated cost on, a request is heavy: it takes one of the tenant's heavy places. */
  heavyCost: number;
  costWeights: {
    /** A count query: totalCount, and the …Count and headcount fields. */
    count: number;
    /** A type-ahead search (`search:`), which may scan the tenant's users or groups. */
    search: number;
    /** A mutation: its savepoint, writes and change record. */
    mutation: number;
  };
}

/** The multi-tenant Entra application that customers' administrators consent to when they connect. */
export interface EntraSettings {
  /** The application (client) id of the app registration. */
  clientId: string;
  clientSecret: string;
  /** Microsoft's sign-in service, without a trailing slash: https://login.microsoftonline.com. */
  authority: string;
  /** Where Microsoft sends the administrator back: <PUBLIC_BASE_URL>/connect/entra/callback. */
  redirectUri: string;
  /** PUBLIC_BASE_URL: a return URL must be of its origin. */
  publicBaseUrl: string;
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
  const publicBaseUrl = e.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    publicBaseUrl,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.DB_POOL_MAX,
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !production,
      graphiql: e.GRAPHIQL ?? !production,
      limits: {
        maxDocumentBytes: e.GRAPHQL_MAX_DOCUMENT_BYTES,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
        maxNesting: e.GRAPHQL_MAX_NESTING,
        maxFragments: e.GRAPHQL_MAX_FRAGMENTS,
        maxFragmentSpreads: e.GRAPHQL_MAX_FRAGMENT_SPREADS,
        maxFields: e.GRAPHQL_MAX_FIELDS,
        maxRepeatedFields: e.GRAPHQL_MAX_REPEATED_FIELDS,
        maxAliases: e.GRAPHQL_MAX_ALIASES,
        maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
        maxInputDepth: e.GRAPHQL_MAX_INPUT_DEPTH,
        maxVariableValues: e.GRAPHQL_MAX_VARIABLE_VALUES,
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        maxCost: e.GRAPHQL_MAX_COST,
        heavyCost: e.GRAPHQL_HEAVY_COST,
        costWeights: {
          count: e.GRAPHQL_COST_COUNT,
          search: e.GRAPHQL_COST_SEARCH,
          mutation: e.GRAPHQL_COST_MUTATION,
        },
      },
      rateLimitPerMinute: e.GRAPHQL_RATE_LIMIT_PER_MINUTE,
    },
    sso: { jwksRefreshCooldownSeconds: e.SSO_JWKS_REFRESH_COOLDOWN_SECONDS },
    entra: entraSettings(e, publicBaseUrl),
    oauth: {
      clientFailuresPerMinute: e.OAUTH_CLIENT_FAILURES_PER_MINUTE,
      sourceFailuresPerMinute: e.OAUTH_SOURCE_FAILURES_PER_MINUTE,
    },
    requestBodyLimitBytes: e.REQUEST_BODY_LIMIT,
    graphqlBodyLimitBytes: e.GRAPHQL_BODY_LIMIT,
    http: {
      requestTimeBudgetMs: e.REQUEST_TIME_BUDGET_SECONDS * 1000,
      bodyReadTimeoutMs: e.BODY_READ_TIMEOUT_SECONDS * 1000,
      headersTimeoutMs: e.HEADERS_TIMEOUT_SECONDS * 1000,
      // Half the pool by default: a tenant saturating its share leaves the other half to the rest.
      tenantMaxConcurrentRequests: e.TENANT_MAX_CONCURRENT_REQUESTS ?? Math.max(1, Math.floor(e.DB_POOL_MAX / 2)),
      // Half the cores by default: a tenant's expensive requests leave the other half to the rest.
      tenantMaxConcurrentHeavyRequests:
        e.TENANT_MAX_CONCURRENT_HEAVY_REQUESTS ?? Math.max(1, Math.floor(os.availableParallelism() / 2)),
      tenantQueueWaitMs: e.TENANT_QUEUE_WAIT_MS,
    },
    createDemoTenant: e.CREATE_DEMO_TENANT ?? !e.DATABASE_URL,
    retention: {
      deletedObjectsDays: e.DELETED_RETENTION_DAYS,
      changesDays: e.CHANGE_RETENTION_DAYS,
      provisioningEventsDays: e.PROVISIONING_LOG_RETENTION_DAYS,
    },
    purgeIntervalMinutes: e.PURGE_INTERVAL_MINUTES,
    webhooks: {
      worker: e.WEBHOOK_WORKER,
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      concurrency: e.WEBHOOK_CONCURRENCY,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retry: { firstDelayMs: e.WEBHOOK_RETRY_FIRST_DELAY_MS, windowMs: Math.round(e.WEBHOOK_RETRY_HOURS * 3_600_000) },
      pollIntervalMs: e.WEBHOOK_POLL_INTERVAL_MS,
    },
    metrics: { enabled: e.METRICS, port: e.METRICS_PORT },
  };
}

function entraSettings(
  e: z.infer<typeof environmentSchema>,
  publicBaseUrl: string | undefined,
): EntraSettings | undefined {
  const { ENTRA_CLIENT_ID: clientId, ENTRA_CLIENT_SECRET: clientSecret } = e;
  if (!clientId && !clientSecret) return undefined;
  const missing = [
    !clientId && 'ENTRA_CLIENT_ID',
    !clientSecret && 'ENTRA_CLIENT_SECRET',
    // The redirect URI registered in Entra is built from it; guessing it from a request could not match.
    !publicBaseUrl && 'PUBLIC_BASE_URL',
  ].filter(Boolean);
  if (missing.length > 0 || !clientId || !clientSecret || !publicBaseUrl) {
    throw new ConfigError(
      `Invalid configuration:\n  Connecting Microsoft Entra ID also needs ${missing.join(' and ')}.`,
    );
  }
  return {
    clientId,
    clientSecret,
    authority: e.ENTRA_AUTHORITY.replace(/\/+$/, ''),
    redirectUri: `${publicBaseUrl}/connect/entra/callback`,
    publicBaseUrl,
  };
}
