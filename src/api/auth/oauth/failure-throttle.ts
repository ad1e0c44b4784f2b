import type { Database } from '../../../platform/db/database';

export interface FailureLimits {
  /** Failures per client id per minute, from all sources, before its failing sources are held back. */
  perClient: number;
  /** Failures per source address per minute before everything from it is held back. */
  perSource: number;
}

/**
 * Throttles failed attempts at the token endpoint, in one-minute windows counted in PostgreSQL so
 * that every instance shares them (as the GraphQL rate limiter does). A failure counts for the
 * client id as presented (existing or not: counting only real ones would tell which exist), for
 * the source address, and for the pair.
 *
 * - A source past its limit is held back entirely: it is guessing, whatever client it names.
 * - A client id past its limit is held back only from the sources that failed for it in the
 *   window. Another source, Entra among them, is still heard: an attacker hammering a client id
 *   cannot lock the real client out, while each of the attacker's sources gets one failure per
 *   client per minute once the limit is reached.
 *
 * Held-back attempts are answered 429 without being checked or counted. Secrets have 256 random
 * bits and assertions are signed, so this is not what keeps them from being guessed; it keeps a
 * guesser from costing much, and keeps noise out of the clients' failure records.
 */
export class FailureThrottle {
  constructor(
    private readonly database: Database,
    private readonly limits: FailureLimits,
  ) {}

  /** Seconds until the attempt may be made again, or undefined when it may be made now. */
  async heldBack(clientId: string | undefined, source: string): Promise<number | undefined> {
    const rows = await this.database.execute<{ kind: Kind; count: number; retry_after_seconds: number }>({
      text: `select w.kind, w.count,
                    greatest(1, ceil(extract(epoch from w.window_start + interval '1 minute' - clock_timestamp())))::int
                      as retry_after_seconds
               from oauth_failure_windows w
              where w.window_start = date_trunc('minute', now())
                and (w.kind, w.subject) in (('source', ?::text), ('client', ?::text), ('client_source', ?::text))`,
      params: subjects(clientId, source),
    });
    const count = (kind: Kind) => rows.find((row) => row.kind === kind)?.count ?? 0;
    const held =
      count('source') >= this.limits.perSource ||
      (count('client') >= this.limits.perClient && count('client_source') > 0);
    return held ? rows[0]!.retry_after_seconds : undefined;
  }

  /**
   * Counts a failed attempt, in one autocommitted statement that also drops the windows before the
   * current one (of every subject: a guesser that names a new client id each time leaves no rows).
   */
  async recordFailure(clientId: string | undefined, source: string): Promise<void> {
    await this.database.execute({
      text: `with earlier as (delete from oauth_failure_windows where window_start < date_trunc('minute', now()))
             insert into oauth_failure_windows as w (kind, subject, window_start, count)
             select v.kind, v.subject, date_trunc('minute', now()), 1
               from (values ('source', ?::text), ('client', ?::text), ('client_source', ?::text)) as v (kind, subject)
              where v.subject is not null
             on conflict (kind, subject, window_start) do update set count = w.count + 1`,
      params: subjects(clientId, source),
    });
  }
}

type Kind = 'source' | 'client' | 'client_source';

function subjects(clientId: string | undefined, source: string): Array<string | null> {
  return [source, clientId ?? null, clientId === undefined ? null : `${clientId} ${source}`];
}
