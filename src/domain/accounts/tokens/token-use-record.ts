/**
 * Which tokens this process has seen with their use already recorded for the current hour, and
 * until when. Recording use is an UPDATE inside the authenticating statement; planning it costs
 * PostgreSQL about as much as the rest of that statement, on every request, although it writes at
 * most once an hour. A token seen recorded is authenticated by a plain select until the hour is
 * over (docs/architecture.md, "Statements"). Each instance keeps its own: at worst every instance
 * runs the UPDATE, finding nothing to write, a few times an hour.
 */
const recordedUntilByHash = new Map<string, number>();

/** Enough for every live token of a large deployment; past it, forgetting all only costs UPDATEs. */
const MAX_REMEMBERED = 10_000;

/** Whether the token's use is known to be recorded for this hour (so the statement need not record it). */
export function useRecorded(secretHash: Buffer, now = Date.now()): boolean {
  const until = recordedUntilByHash.get(secretHash.toString('base64'));
  return until !== undefined && now < until;
}

/**
 * What the authenticating statement said: whether the token's use was recorded for the current
 * hour when the statement's snapshot was taken, and when that hour ends, by the database's clock.
 */
export function rememberUse(secretHash: Buffer, recordedForThisHour: boolean, hourEnds: Date | string): void {
  const key = secretHash.toString('base64');
  if (!recordedForThisHour) {
    recordedUntilByHash.delete(key);
    return;
  }
  if (recordedUntilByHash.size >= MAX_REMEMBERED) recordedUntilByHash.clear();
  recordedUntilByHash.set(key, new Date(hourEnds).getTime());
}
