import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context as KoaContext, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Admission } from '../auth/admission';
import { TransientDatabaseError } from '../directory/errors';
import { createContext, type GraphQLContext } from './context';
import type { RequestGuard } from './guard/guard';
import { guardedRequest } from './guard/guarded-request';

/**
 * Admits a request: a principal in an open, tenant-confined transaction, or a refusal (401, 429,
 * 503). `requests` is how many requests it counts as against the rate limit.
 */
export type GraphQLAuthenticator = (ctx: KoaContext, requests: number) => Promise<Admission>;

/**
 * Apollo Server 5 on Koa. (@as-integrations/koa needs Node 22; this is the small adapter instead.)
 * One request is one transaction: committed when execution produced no error, rolled back
 * otherwise; each mutation inside it is atomic on its own (see runMutation).
 *
 * The guard measures the request first, so that Apollo never parses, validates or runs what it
 * refuses, and so that the rate limit can count a request's mutations one by one. A refused
 * request still counts (as one), like any other failed request: errors are no way around the limit.
 */
export function graphqlMiddleware(options: {
  apollo: ApolloServer<GraphQLContext>;
  guard: RequestGuard;
  authenticate: GraphQLAuthenticator;
  log: Logger;
}): Middleware {
  const { apollo, guard, authenticate } = options;
  return async (ctx) => {
    const body = (ctx.request as { body?: unknown }).body;
    const verdict = guard(guardedRequest({ method: ctx.method, query: ctx.query, body }));
    const auth = await authenticate(ctx, 'refused' in verdict ? 1 : Math.max(1, verdict.mutations));
    if ('refused' in auth) {
      const { status, message, extensions, retryAfterSeconds } = auth.refused;
      ctx.status = status;
      if (status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="evercate-directory"');
      if (retryAfterSeconds !== undefined) ctx.set('Retry-After', String(retryAfterSeconds));
      ctx.body = { errors: [{ message, extensions }] };
      return;
    }
    if ('refused' in verdict) {
      await auth.transaction.rollback();
      ctx.status = 400;
      ctx.body = { errors: [verdict.refused] };
      return;
    }
    const context = createContext({ ...auth, log: ctx.state.log ?? options.log });
    try {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(ctx.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: ctx.method.toUpperCase(),
          headers,
          search: ctx.querystring ? `?${ctx.querystring}` : '',
          body: (ctx.request as { body?: unknown }).body,
        },
        context: async () => context,
      });
      if (response.body.kind !== 'complete') throw new Error('Incremental delivery is not enabled');
      if (context.failed || (response.status ?? 200) >= 400) {
        await context.transaction.rollback();
      } else {
        await context.transaction.commit();
      }
      for (const [name, value] of response.headers) ctx.set(name, value);
      ctx.status = response.status ?? 200;
      ctx.body = response.body.string;
    } catch (error) {
      await context.transaction.rollback();
      if (error instanceof TransientDatabaseError) {
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { errors: [{ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
        return;
      }
      throw error;
    }
  };
}
