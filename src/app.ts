import { randomUUID } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import { graphqlAdmission } from './auth/graphql-admission';
import { RateLimiter } from './auth/rate-limit/rate-limiter';
import { SigningKeys } from './auth/sso/signing-keys';
import { SsoSignIn } from './auth/sso/sso-sign-in';
import type { Config } from './config';
import type { Database } from './db/database';
import { TransientDatabaseError } from './directory/errors';
import { createApollo } from './graphql/apollo';
import { GRAPHIQL_ASSET_PATH, serveGraphiQL, serveGraphiQLAsset, wantsGraphiQL } from './graphql/graphiql';
import { requestGuard } from './graphql/guard/guard';
import { graphqlMiddleware } from './graphql/koa-graphql';
import { directorySchema } from './graphql/schema';
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

/** The HTTP service: health checks, GraphQL (with GraphiQL) and the SCIM facade. */
export async function createApp({ config, database, log }: AppDependencies): Promise<App> {
  const koa = new Koa({ proxy: config.trustProxy });
  const schema = await directorySchema();
  const apollo = await createApollo({ schema, log, introspection: config.graphql.introspection });

  const inFlight = new InFlightRequests();
  koa.use(inFlight.middleware());
  koa.use(requestLogging(log));
  koa.use(jsonErrors());
  koa.use(scimFacade({ apollo, database, config, log }));

  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await database.ping();
      ctx.body = { status: 'ready' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', detail: 'The database is not reachable.' };
    }
  });

  const admit = graphqlAdmission({
    database,
    rateLimiter: new RateLimiter(database, config.graphql.rateLimitPerMinute),
    ssoSignIn: new SsoSignIn(
      database,
      new SigningKeys({ refreshCooldownSeconds: config.sso.jwksRefreshCooldownSeconds }),
    ),
  });
  const graphql = graphqlMiddleware({
    apollo,
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

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestLogging(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    // A proxy's request id is kept so logs join up; anything that is not a plausible id (it ends up
    // in logs, headers and the provisioning log) is replaced.
    const incoming = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', requestId);
    ctx.state.requestId = requestId;
    ctx.state.log = log.child({ requestId });
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = ctx.status;
      const entry = { method: ctx.method, path: ctx.path, status, durationMs: Math.round(performance.now() - started) };
      if (status >= 500) ctx.state.log.error(entry, 'request failed');
      else ctx.state.log.info(entry, 'request');
    }
  };
}

/** Errors outside GraphQL and SCIM (bad bodies, a database outage, bugs) as JSON, never HTML. */
function jsonErrors(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof TransientDatabaseError) {
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { errors: [{ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
        return;
      }
      const status = (error as { status?: number }).status;
      if (status && status >= 400 && status < 500) {
        ctx.status = status;
        ctx.body = {
          errors: [{ message: clientErrorMessage(status, error as Error), extensions: { code: 'BAD_REQUEST' } }],
        };
        return;
      }
      ctx.state.log.error({ err: error }, 'unhandled error');
      ctx.status = 500;
      ctx.body = {
        errors: [
          { message: 'Internal server error. It has been logged.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      };
    }
  };
}

function clientErrorMessage(status: number, error: Error): string {
  if (status === 413) return 'The request body is larger than this service accepts.';
  if (status === 400 && /JSON|Unexpected|token/i.test(error.message)) return 'The request body is not valid JSON.';
  return error.message;
}

/** Counts requests being handled, so a shutdown can let them finish (a client that hangs up does not end its request's work). */
class InFlightRequests {
  private count = 0;
  private waiters: Array<() => void> = [];

  middleware(): Koa.Middleware {
    return async (_ctx, next) => {
      this.count += 1;
      try {
        await next();
      } finally {
        this.count -= 1;
        if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
      }
    };
  }

  drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
