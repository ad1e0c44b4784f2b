import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import { graphqlAdmission } from './api/auth/graphql-admission';
import { RateLimiter } from './api/auth/rate-limiter';
import { scimAdmission } from './api/auth/scim-admission';
import { SigningKeys } from './api/auth/jwks/signing-keys';
import { FailureThrottle } from './api/auth/oauth/failure-throttle';
import { oauthRoutes } from './api/auth/oauth/routes';
import { SsoSignIn } from './api/auth/sso/sso-sign-in';
import { createApollo } from './api/graphql/apollo';
import { GRAPHIQL_ASSET_PATH, serveGraphiQL, serveGraphiQLAsset, wantsGraphiQL } from './api/graphql/graphiql';
import { requestGuard } from './api/graphql/guard/guard';
import { graphqlMiddleware } from './api/graphql/koa-graphql';
import { directorySchema } from './api/graphql/schema';
import { healthRoutes } from './api/http/health';
import { InFlightRequests } from './api/http/in-flight-requests';
import { jsonErrors } from './api/http/json-errors';
import { RequestRunner } from './api/http/request-runner';
import { requestLogging } from './api/http/request-logging';
import type { Config } from './platform/config';
import type { Database } from './platform/db/database';
import { ClientAuthentication } from './domain/accounts/clients/client-authentication';
import { scimFacade } from '../scim-facade/router';

export interface AppDependencies {
  config: Config;
  database: Database;
  log: Logger;
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
 * The HTTP service: health checks, GraphQL (with GraphiQL) and the SCIM facade, on one request
 * runner, and the OAuth token endpoint where Entra gets access tokens for SCIM.
 */
export async function createApp({ config, database, log }: AppDependencies): Promise<App> {
  const koa = new Koa({ proxy: config.trustProxy });
  const schema = await directorySchema();
  const apollo = await createApollo({ schema, log, introspection: config.graphql.introspection });
  const runner = new RequestRunner(database);

  const inFlight = new InFlightRequests();
  koa.use(inFlight.middleware());
  koa.use(requestLogging(log));
  koa.use(jsonErrors());
  koa.use(scimFacade({ apollo, runner, admit: scimAdmission(database), config, log }));

  const router = new Router();
  healthRoutes(router, database);

  // One cache of identity providers' keys for signed-in users and federated OAuth clients alike.
  const signingKeys = new SigningKeys({ refreshCooldownSeconds: config.sso.jwksRefreshCooldownSeconds });
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
    authenticate: (ctx, requests) => admit(ctx.get('authorization'), requests, ctx.state.log ?? log),
  });
  const graphqlBody = bodyParser({ enableTypes: ['json'], jsonLimit: config.requestBodyLimitBytes });
  router.all(
    '/graphql',
    async (ctx, next) => {
      if (config.graphql.graphiql && wantsGraphiQL(ctx)) {
        serveGraphiQL(ctx);
        return;
      }
      await graphqlBody(ctx, next);
    },
    graphql,
  );
  if (config.graphql.graphiql) {
    router.get(`${GRAPHIQL_ASSET_PATH}/:name`, (ctx) => serveGraphiQLAsset(ctx, ctx.params.name!));
  }

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
