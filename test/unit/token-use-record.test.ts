import { randomBytes } from 'node:crypto';
import { rememberUse, useRecorded } from '../../src/domain/accounts/tokens/token-use-record';

/**
 * The authenticating statement records a token's use once an hour; after this process has seen
 * the use recorded, it leaves the UPDATE out until the hour ends (src/domain/accounts/tokens/
 * token-use-record.ts).
 */
describe('token use record', () => {
  const hourEnds = new Date('2026-12-03T10:00:00Z');

  it('knows nothing of a token it has not seen', () => {
    expect(useRecorded(randomBytes(32), hourEnds.getTime() - 1)).toBe(false);
  });

  it('holds a recorded use until the hour ends, by the database clock', () => {
    const hash = randomBytes(32);
    rememberUse(hash, true, hourEnds.toISOString());
    expect(useRecorded(hash, hourEnds.getTime() - 1)).toBe(true);
    expect(useRecorded(hash, hourEnds.getTime())).toBe(false);
  });

  it('forgets a token whose use the statement found unrecorded (a request that recorded it may have rolled back)', () => {
    const hash = randomBytes(32);
    rememberUse(hash, true, hourEnds);
    rememberUse(hash, false, hourEnds);
    expect(useRecorded(hash, hourEnds.getTime() - 1)).toBe(false);
  });

  it('keeps tokens apart', () => {
    const recorded = randomBytes(32);
    rememberUse(recorded, true, hourEnds);
    expect(useRecorded(randomBytes(32), hourEnds.getTime() - 1)).toBe(false);
  });
});
