/** Releases a place taken with TenantFairShare.acquire. */
export type Release = () => void;

/** Why no place came free in time: the tenant's share of all requests, or of its heavy ones. */
export type Busy = { busy: 'requests' | 'heavy'; limit: number };

/**
 * At most `limit` requests of one tenant hold or await a database connection on this instance at
 * a time, whatever the rest of the instance does: a tenant that saturates its share waits on its
 * own queue while other tenants keep their latency. Of those, at most `heavyLimit` may be heavy
 * (counts, searches, substring filters: work that keeps a core busy for tens of milliseconds), so
 * that a tenant's expensive requests cannot take every core from the others. Past `maxWaitMs` in
 * a queue, a request is refused (the edges answer 429 with Retry-After). Per instance and in
 * memory: a few instances behind a load balancer each keep their own share.
 */
export class TenantFairShare {
  private readonly all: Places;
  private readonly heavy: Places;

  constructor(
    readonly limit: number,
    readonly heavyLimit: number,
    private readonly maxWaitMs: number,
  ) {
    this.all = new Places(limit);
    this.heavy = new Places(heavyLimit);
  }

  /**
   * A place for one request of `tenant`, or why none came free within the wait. A heavy request
   * first waits for a heavy place, so that while it waits it takes none of the tenant's others.
   */
  async acquire(tenant: string, options: { heavy?: boolean } = {}): Promise<Release | Busy> {
    const deadline = Date.now() + this.maxWaitMs;
    let releaseHeavy: Release | undefined;
    if (options.heavy) {
      releaseHeavy = await this.heavy.acquire(tenant, this.maxWaitMs);
      if (!releaseHeavy) return { busy: 'heavy', limit: this.heavyLimit };
    }
    const release = await this.all.acquire(tenant, Math.max(0, deadline - Date.now()));
    if (!release) {
      releaseHeavy?.();
      return { busy: 'requests', limit: this.limit };
    }
    return () => {
      release();
      releaseHeavy?.();
    };
  }
}

/** Up to `limit` places per key, handed out in arrival order. */
class Places {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<(release: Release) => void>>();

  constructor(private readonly limit: number) {}

  acquire(key: string, maxWaitMs: number): Promise<Release | undefined> {
    if ((this.running.get(key) ?? 0) < this.limit) {
      this.running.set(key, (this.running.get(key) ?? 0) + 1);
      return Promise.resolve(this.releaser(key));
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      this.waiting.set(key, queue);
      const handOver = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(handOver), 1);
        if (queue.length === 0) this.waiting.delete(key);
        resolve(undefined);
      }, maxWaitMs);
      queue.push(handOver);
    });
  }

  private releaser(key: string): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(key)?.shift();
      if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
      if (next) {
        next(this.releaser(key));
        return;
      }
      const count = (this.running.get(key) ?? 1) - 1;
      if (count === 0) this.running.delete(key);
      else this.running.set(key, count);
    };
  }
}
