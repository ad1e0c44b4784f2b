import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import { EntraConnectFlow } from './api/auth/entra/entra-connect-flow';
import { graphqlAdmission } from './api/auth/graphql-admission';
import { CredentialTenants } from './api/auth/credential-tenants';
import { RateLimiter } from './api/auth/rate-limiter';
import { scimAdmission } from './api/auth/scim-admission';
import { SigningKeys } from './api/auth/jwks/signing-keys';
import { FailureThrottle } from './api/auth/oauth/failure-throttle';
import { oauthRoutes } from './api/auth/oauth/routes';
import { SsoSignIn } from './api/auth/sso/sso-sign-in';
import { createApollo } from './api/graphql/apollo';
import { formatGraphQLError } from './api/graphql/error-mapping';
import { InProcessGraphQL } from './api/graphql/in-process-graphql';
import { GRAPHIQL_ASSET_PATH, serveGraphiQL, serveGraphiQLAsset, wantsGraphiQL } from './api/graphql/graphiql';
import { requestGuard } from './api/graphql/guard/guard';
import { graphqlMiddleware } from './api/graphql/koa-graphql';
import { directorySchema } from './api/graphql/schema';
import { adminRoutes } from './api/http/admin/admin-routes';
import { entraRoutes } from './api/http/entra/entra-routes';
import { healthRoutes } from './api/http/health';
import { InFlightRequests } from './api/http/in-flight-requests';
import { jsonErrors } from './api/http/json-errors';
import { createMetrics, metricsEndpoint, type Metrics } from './api/http/metrics';
import { readBodyWithin } from './api/http/read-body';
import { RequestRunner } from './api/http/request-runner';
import { TenantFairShare } from './api/http/tenant-fair-share';
import { requestLogging } from './api/http/request-logging';
import type { Config } from './platform/config';
import type { Database } from './platform/db/database';
import { ClientAuthentication } from './domain/accounts/clients/client-authentication';
import { scimFacade } from '../scim-facade/router';

export interface AppDependencies {
  config: Config;
  database: Database;
  log: Logger;
  /** Shared with the webhook worker; made from the configuration when not given. */
  metrics?: Metrics;
}

export interface App {
  koa: Koa;
  /**
   * Waits for requests in flight (up to a limit), then stops GraphQL; call after the HTTP server
   * stopped accepting connections and before closing the database.
   */
  stop(): Promise<void>;
}

/** How long a shutdown waits for requests in flight before it stops anyway. */
const DRAIN_TIMEOUT_MS = 15_000;

/**
 * The HTTP service: health checks, GraphQL (with GraphiQL), the SCIM facade, connecting Microsoft
 * Entra ID and the admin page, on one request runner; the OAuth token endpoint where Entra gets
 * access tokens for SCIM; and /metrics when metrics are on and have no port of their own.
 */
export async function createApp({ config, database, log, ...dependencies }: AppDependencies): Promise<App> {
  const metrics = dependencies.metrics ?? createMetrics({ enabled: config.metrics.enabled, database, log });
  const koa = new Koa({ proxy: config.trustProxy });
  // What reaches here are socket-level failures (a client that hung up, or sent a broken request
  // mid-response); every request error is answered and logged by the middleware below.
  koa.on('error', (error: unknown) => log.debug({ err: error }, 'client connection error'));
  const schema = await directorySchema();
  const apollo = await createApollo({ schema, log, introspection: config.graphql.introspection });
  const runner = new RequestRunner(database, {
    fairShare: new TenantFairShare(
      config.http.tenantMaxConcurrentRequests,
      config.http.tenantMaxConcurrentHeavyRequests,
      config.http.tenantQueueWaitMs,
    ),
    credentialTenants: new CredentialTenants(),
    timeBudgetMs: config.http.requestTimeBudgetMs,
  });

  const inFlight = new InFlightRequests();
  koa.use(inFlight.middleware());
  koa.use(requestLogging(log));
  koa.use(metrics.middleware());
  koa.use(jsonErrors());
  if (config.metrics.enabled && config.metrics.port === undefined) koa.use(metricsEndpoint(metrics));
  const inProcess = new InProcessGraphQL(schema, formatGraphQLError(log));
  koa.use(scimFacade({ graphql: inProcess, runner, admit: scimAdmission(database), config, log }));

  const router = new Router();
  healthRoutes(router, database);

  // One cache of identity providers' keys for signed-in users, Entra administrators' ID tokens
  // and federated OAuth clients alike.
  const signingKeys = new SigningKeys({ refreshCooldownSeconds: config.sso.jwksRefreshCooldownSeconds });
  const entraConnect = config.entra && new EntraConnectFlow(config.entra, signingKeys);
  oauthRoutes(router, config, {
    clients: new ClientAuthentication(database),
    keys: signingKeys,
    throttle: new FailureThrottle(database, {
      perClient: config.oauth.clientFailuresPerMinute,
      perSource: config.oauth.sourceFailuresPerMinute,
    }),
    log,
  });

  const admit = graphqlAdmission({
    database,
    rateLimiter: new RateLimiter(database, config.graphql.rateLimitPerMinute),
    ssoSignIn: new SsoSignIn(database, signingKeys),
  });
  const graphql = graphqlMiddleware({
    apollo,
    runner,
    guard: requestGuard(schema, config.graphql.limits),
    log,
    webhookTargets: { allowPrivateTargets: config.webhooks.allowPrivateTargets },
    heavyCost: config.graphql.limits.heavyCost,
    authenticate: (ctx, requests) => admit(ctx.get('authorization'), requests, ctx.state.log ?? log),
    entraConnect,
  });
  const graphqlBody = bodyParser({ enableTypes: ['json'], jsonLimit: config.graphqlBodyLimitBytes });
  router.all(
    '/graphql',
    async (ctx, next) => {
      if (config.graphql.graphiql && wantsGraphiQL(ctx)) {
        serveGraphiQL(ctx);
        return;
      }
      await readBodyWithin(ctx, graphqlBody, config.http.bodyReadTimeoutMs);
      await next();
    },
    graphql,
  );
  if (config.graphql.graphiql) {
    router.get(`${GRAPHIQL_ASSET_PATH}/:name`, (ctx) => serveGraphiQLAsset(ctx, ctx.params.name!));
  }

  entraRoutes(router, { flow: entraConnect, database, runner, log });
  adminRoutes(router, { entraConfigured: entraConnect !== undefined });

  koa.use(router.routes());
  koa.use(router.allowedMethods());

  return {
    koa,
    async stop() {
      await inFlight.drained(DRAIN_TIMEOUT_MS);
      await apollo.stop();
    },
  };
}
