import type { Context as KoaContext, Middleware } from 'koa';

/** The request body did not arrive within the time allowed (the edges answer 408). */
export class BodyTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The request body did not arrive within ${timeoutMs / 1000} s; send it at once.`);
    this.name = 'BodyTimeoutError';
  }
}

/**
 * Runs a body parser, but gives the client only `timeoutMs` to send the body. A client that trickles
 * its body holds its own socket and nothing else: the connection is closed after the 408, and no
 * database connection is ever taken for it (the edges read the body before admitting a request).
 */
export async function readBodyWithin(ctx: KoaContext, parse: Middleware, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const parsing = parse(ctx, async () => undefined);
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    if ((await Promise.race([parsing, timeout])) === 'timeout') {
      // The parser is still reading; it fails once the socket closes, which nobody waits for.
      parsing.catch(() => undefined);
      ctx.set('Connection', 'close');
      ctx.res.once('finish', () => ctx.req.destroy());
      throw new BodyTimeoutError(timeoutMs);
    }
  } finally {
    clearTimeout(timer);
  }
}
