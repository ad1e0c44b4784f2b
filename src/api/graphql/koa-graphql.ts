import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Context as KoaContext, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Admission } from '../auth/admission';
import { bearerToken } from '../auth/bearer-token';
import { browserBinding } from '../auth/entra/browser-binding';
import type { EntraConnectFlow } from '../auth/entra/entra-connect-flow';
import type { RequestRunner } from '../http/request-runner';
import { createContext, type GraphQLContext } from './context';
import type { GuardRefusal } from './guard/errors';
import type { RequestGuard } from './guard/guard';
import { guardedRequest } from './guard/guarded-request';

/**
 * Admits a request: a principal in an open, tenant-confined transaction, or a refusal (401, 429,
 * 503). `requests` is how many requests it counts as against the rate limit.
 */
export type GraphQLAuthenticator = (ctx: KoaContext, requests: number) => Promise<Admission>;

/**
 * Apollo Server 5 on Koa. (@as-integrations/koa needs Node 22; this is the small adapter instead.)
 * The request runner runs each request in one transaction: committed when execution produced no
 * error, rolled back otherwise; each mutation inside it is atomic on its own (see runMutation).
 *
 * The guard measures the request first, so that Apollo never parses, validates or runs what it
 * refuses, and so that the rate limit can count a request's mutations one by one. A refused
 * request still counts (as one), like any other failed request: errors are no way around the limit.
 */
export function graphqlMiddleware(options: {
  apollo: ApolloServer<GraphQLContext>;
  runner: RequestRunner;
  guard: RequestGuard;
  authenticate: GraphQLAuthenticator;
  log: Logger;
  /** Connecting Microsoft Entra ID, when configured. */
  entraConnect?: EntraConnectFlow;
  webhookTargets: { allowPrivateTargets: boolean };
  /** From this estimated cost on, a request takes one of its tenant's heavy places. */
  heavyCost: number;
}): Middleware {
  const { apollo, runner, guard, authenticate, entraConnect, webhookTargets, heavyCost } = options;
  return async (ctx) => {
    const log: Logger = ctx.state.log ?? options.log;
    const body = (ctx.request as { body?: unknown }).body;
    const verdict = guard(guardedRequest({ method: ctx.method, query: ctx.query, body }));
    const outcome = await runner.run<HTTPGraphQLResponse | GuardRefusal>({
      log,
      credential: bearerToken(ctx.get('authorization')),
      heavy: !('refused' in verdict) && verdict.cost >= heavyCost,
      admit: () => authenticate(ctx, 'refused' in verdict ? 1 : Math.max(1, verdict.mutations)),
      work: async (session) => {
        if ('refused' in verdict) return { result: verdict.refused, commit: false };
        const context = createContext({
          ...session,
          mutationAtomicity: 'each-mutation',
          entraConnect,
          browser: browserBinding(ctx),
          webhookTargets,
        });
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
        if (!('body' in response)) {
          ctx.status = 400;
          ctx.body = { errors: [response] };
          return;
        }
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
      case 'busy':
        ctx.status = 429;
        ctx.set('Retry-After', String(outcome.retryAfterSeconds));
        ctx.body = { errors: [{ message: outcome.message, extensions: { code: 'TENANT_BUSY' } }] };
        return;
      case 'timedOut':
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { errors: [{ message: outcome.message, extensions: { code: 'REQUEST_TIMEOUT' } }] };
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
