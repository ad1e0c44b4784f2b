import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Context as KoaContext, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Admission } from '../auth/admission';
import type { RequestRunner } from '../http/request-runner';
import { createContext, type GraphQLContext } from './context';

/** Admits a request: a principal in an open, tenant-confined transaction, or a refusal (401, 429, 503). */
export type GraphQLAuthenticator = (ctx: KoaContext) => Promise<Admission>;

/**
 * Apollo Server 5 on Koa. (@as-integrations/koa needs Node 22; this is the small adapter instead.)
 * The request runner runs each request in one transaction: committed when execution produced no
 * error, rolled back otherwise; each mutation inside it is atomic on its own (see runMutation).
 */
export function graphqlMiddleware(options: {
  apollo: ApolloServer<GraphQLContext>;
  runner: RequestRunner;
  authenticate: GraphQLAuthenticator;
  log: Logger;
}): Middleware {
  const { apollo, runner, authenticate } = options;
  return async (ctx) => {
    const log: Logger = ctx.state.log ?? options.log;
    const outcome = await runner.run<HTTPGraphQLResponse>({
      log,
      admit: () => authenticate(ctx),
      work: async (session) => {
        const context = createContext({ ...session, mutationAtomicity: 'each-mutation' });
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: ctx.method.toUpperCase(),
            headers: headerMap(ctx),
            search: ctx.querystring ? `?${ctx.querystring}` : '',
            body: (ctx.request as { body?: unknown }).body,
          },
          context: async () => context,
        });
        return { result: response, commit: !context.failed && (response.status ?? 200) < 400 };
      },
    });
    switch (outcome.kind) {
      case 'done': {
        const response = outcome.result;
        if (response.body.kind !== 'complete') throw new Error('Incremental delivery is not enabled');
        for (const [name, value] of response.headers) ctx.set(name, value);
        ctx.status = response.status ?? 200;
        ctx.body = response.body.string;
        return;
      }
      case 'refused': {
        const { status, message, extensions, retryAfterSeconds } = outcome.refusal;
        ctx.status = status;
        if (status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="evercate-directory"');
        if (retryAfterSeconds !== undefined) ctx.set('Retry-After', String(retryAfterSeconds));
        ctx.body = { errors: [{ message, extensions }] };
        return;
      }
      case 'unavailable':
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { errors: [{ message: outcome.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
        return;
      case 'failed':
        throw outcome.error;
    }
  };
}

function headerMap(ctx: KoaContext): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}
