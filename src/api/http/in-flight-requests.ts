import type Koa from 'koa';

/** Counts requests being handled, so a shutdown can let them finish (a client that hangs up does not end its request's work). */
export class InFlightRequests {
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
