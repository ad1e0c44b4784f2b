import { createServer, type Server } from 'node:http';
import type Koa from 'koa';
import type { HttpLimits } from '../../platform/config';

/**
 * The HTTP server, with the timeouts that keep slow or silent clients from holding sockets
 * forever: the request line and headers within `headersTimeoutMs`, and the whole request within
 * that and the body timeout (readBodyWithin answers a slow body sooner, with a 408 that says why).
 */
export function createHttpServer(koa: Koa, limits: HttpLimits): Server {
  return createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.headersTimeoutMs + limits.bodyReadTimeoutMs + 1_000,
      // How often Node checks those two timeouts (its default, 30 s, would let a slow client linger).
      connectionsCheckingInterval: 1_000,
    },
    koa.callback(),
  );
}
