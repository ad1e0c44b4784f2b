/** Releases a place taken with TenantFairShare.acquire. */
export type Release = () => void;

/**
 * At most `limit` requests of one tenant hold or await a database connection on this instance at
 * a time, whatever the rest of the instance does: a tenant that saturates its share waits on its
 * own queue while other tenants keep their latency. Past `maxWaitMs` in that queue, a request is
 * refused (the edges answer 429 with Retry-After). Per instance and in memory: a few instances
 * behind a load balancer each keep their own share.
 */
export class TenantFairShare {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<(release: Release) => void>>();

  constructor(
    readonly limit: number,
    private readonly maxWaitMs: number,
  ) {}

  /** A place for one request of `tenant`, or undefined when none came free in time. */
  acquire(tenant: string): Promise<Release | undefined> {
    if ((this.running.get(tenant) ?? 0) < this.limit) {
      this.running.set(tenant, (this.running.get(tenant) ?? 0) + 1);
      return Promise.resolve(this.releaser(tenant));
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(tenant) ?? [];
      this.waiting.set(tenant, queue);
      const handOver = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(handOver), 1);
        if (queue.length === 0) this.waiting.delete(tenant);
        resolve(undefined);
      }, this.maxWaitMs);
      queue.push(handOver);
    });
  }

  private releaser(tenant: string): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(tenant)?.shift();
      if (this.waiting.get(tenant)?.length === 0) this.waiting.delete(tenant);
      if (next) {
        next(this.releaser(tenant));
        return;
      }
      const count = (this.running.get(tenant) ?? 1) - 1;
      if (count === 0) this.running.delete(tenant);
      else this.running.set(tenant, count);
    };
  }
}
