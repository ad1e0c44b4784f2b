import type Koa from 'koa';
import { TransientDatabaseError } from '../../platform/errors';
import { BodyTimeoutError } from './read-body';

/** Errors outside GraphQL and SCIM (bad bodies, a database outage, bugs) as JSON, never HTML. */
export function jsonErrors(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof BodyTimeoutError) {
        ctx.status = 408;
        ctx.body = { errors: [{ message: error.message, extensions: { code: 'REQUEST_TIMEOUT' } }] };
        return;
      }
      if (error instanceof TransientDatabaseError) {
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { errors: [{ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
        return;
      }
      const status = (error as { status?: number }).status;
      if (status && status >= 400 && status < 500) {
        ctx.status = status;
        // A body refused by its length is not read: ending the connection with the answer spares
        // receiving the rest of it (keeping the connection would mean reading it all).
        if (status === 413) ctx.set('Connection', 'close');
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
