import type { WorkerUtils } from 'graphile-worker';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { JOB_QUEUE_SCHEMA } from '../model/kept-in-sql';
import type { Database } from '../platform/db/database';

const RECONNECT_DELAY_MS = 5_000;

/**
 * graphile-worker takes the jobs (and named queues) of a worker that died back only after four
 * hours; its webhooks would wait that long. So each worker pool of this service holds a PostgreSQL
 * session-level advisory lock named after its id, on a connection of its own, for as long as it
 * lives: PostgreSQL frees it the moment that session ends (the process crashed, was killed, lost
 * the network). An instance that finds jobs locked by a pool whose lock is free has that pool's
 * locks cleared with the library's own `forceUnlockWorkers`, and the work goes on elsewhere.
 */
export class JobWorkerLiveness {
  private session: Client | undefined;
  private readonly held = new Set<string>();
  private closed = false;
  private reconnecting: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  /** Holds the lock of a worker pool for as long as this process lives (or until close()). */
  async hold(poolId: string): Promise<void> {
    this.held.add(poolId);
    const session = await this.connected();
    await session.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockName(poolId)]);
  }

  /**
   * Clears the locks of worker pools that are gone, for jobs they have held at least `lockedForMs`;
   * returns their ids.
   */
  async takeBackOrphans(database: Database, utils: WorkerUtils, lockedForMs: number): Promise<string[]> {
    const candidates = await database.execute<{ locked_by: string }>({
      text: `select distinct locked_by from ${JOB_QUEUE_SCHEMA}.jobs
              where locked_by is not null and locked_at < now() - make_interval(secs => ?)`,
      params: [lockedForMs / 1000],
    });
    const session = await this.connected();
    const gone: string[] = [];
    for (const { locked_by: poolId } of candidates) {
      // Taking a lock this session holds already would succeed: its own pools are alive.
      if (this.held.has(poolId)) continue;
      const { rows } = await session.query<{ free: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as free',
        [lockName(poolId)],
      );
      if (!rows[0]?.free) continue;
      try {
        await utils.forceUnlockWorkers([poolId]);
        gone.push(poolId);
      } finally {
        await session.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockName(poolId)]);
      }
    }
    return gone;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnecting);
    await this.session?.end().catch(() => undefined);
  }

  private async connected(): Promise<Client> {
    if (this.session) return this.session;
    const session = new Client({
      connectionString: this.connectionString,
      application_name: 'evercate-directory-worker-liveness',
    });
    session.on('error', (error) => this.lost(session, error));
    session.on('end', () => this.lost(session));
    await session.connect();
    for (const poolId of this.held) {
      await session.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockName(poolId)]);
    }
    this.session = session;
    return session;
  }

  /** The session is gone, and with it the locks: take them again on a new one. */
  private lost(session: Client, error?: Error): void {
    if (this.session !== session || this.closed) return;
    this.session = undefined;
    this.log.warn({ err: error }, 'lost the webhook worker liveness session; taking its locks again');
    const retry = () => {
      this.reconnecting = setTimeout(() => {
        if (!this.closed) this.connected().catch(retry);
      }, RECONNECT_DELAY_MS);
      this.reconnecting.unref();
    };
    retry();
  }
}

function lockName(poolId: string): string {
  return `evercate-directory:job-worker:${poolId}`;
}
