import type { Database } from '../../platform/db/database';
import type { Fragment } from '../../platform/db/sql-fragment';

export interface RateLimitCount {
  /** Requests counted for this credential in the current window, this one included. */
  count: number;
  /** Seconds until the window ends and the count starts again. */
  retryAfterSeconds: number;
}

/**
 * A fixed one-minute window per credential (API token or signed-in user), counted in PostgreSQL so
 * that every instance shares it (DESIGN rule 6). One autocommitted statement per request finds the
 * credential, counts it and deletes the credential's earlier windows, so the table keeps about one
 * row per credential in use. It runs before the request's transaction, not inside it: the counter's
 * row lock would otherwise be held for the whole request and serialise a credential's concurrent
 * requests, and a request that fails (and rolls back) must still count.
 */
export class RateLimiter {
  constructor(
    private readonly database: Database,
    readonly perMinute: number,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /**
   * Counts a request as `requests` (one per mutation it runs, at least one) for the credential
   * that `credential` selects as (tenant_id, subject). Undefined when it selects none (an unknown
   * or revoked credential, answered 401 anyway).
   */
  async count(credential: Fragment, requests: number): Promise<RateLimitCount | undefined> {
    const [row] = await this.database.execute<{ count: number; retry_after_seconds: number }>({
      text: `with credential as (${credential.text}),
       earlier_windows as (
         delete from graphql_rate_limits r using credential c
          where r.tenant_id = c.tenant_id and r.subject = c.subject and r.window_start < date_trunc('minute', now())
       )
       insert into graphql_rate_limits as r (tenant_id, subject, window_start, count)
       select c.tenant_id, c.subject, date_trunc('minute', now()), ?::int from credential c
       on conflict (tenant_id, subject, window_start) do update set count = r.count + excluded.count
       returning r.count,
         greatest(1, ceil(extract(epoch from r.window_start + interval '1 minute' - clock_timestamp())))::int
           as retry_after_seconds`,
      params: [...credential.params, requests],
    });
    return row && { count: row.count, retryAfterSeconds: row.retry_after_seconds };
  }

  exceeded(count: RateLimitCount | undefined): boolean {
    return this.enabled && count !== undefined && count.count > this.perMinute;
  }
}
