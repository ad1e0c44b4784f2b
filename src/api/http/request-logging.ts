import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * One JSON log line per request, with a request id that is also returned as X-Request-Id. A
 * proxy's request id is kept so logs join up; anything that is not a plausible id (it ends up in
 * logs, headers and the provisioning log) is replaced.
 */
export function requestLogging(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
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
