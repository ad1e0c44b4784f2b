import { MAX_RETRY_DELAY_MS, nextAttempt } from '../../src/domain/directory/webhooks/webhook-retry';

const HOUR = 3_600_000;
const DEFAULTS = { firstDelayMs: 10_000, windowMs: 24 * HOUR };

describe('webhook retries', () => {
  it('back off exponentially with jitter, up to an hour between attempts', () => {
    const since = new Date(0);
    const delays = (random: number) =>
      [1, 2, 3, 4, 5, 10, 20].map((attempts) => {
        const decision = nextAttempt(attempts, since, since, DEFAULTS, () => random);
        if (!('retryAt' in decision)) throw new Error('gave up');
        return decision.retryAt.getTime();
      });
    expect(delays(1)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS]);
    expect(delays(0)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, HOUR / 2, HOUR / 2]);
  });

  it('keep trying for the whole retry window (24 hours by default), the last attempt at its end, then give up', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    let now = since;
    let attempts = 1;
    for (;;) {
      const decision = nextAttempt(attempts, since, now, DEFAULTS);
      if ('giveUp' in decision) break;
      expect(decision.retryAt.getTime()).toBeGreaterThan(now.getTime());
      now = decision.retryAt;
      attempts += 1;
    }
    expect(now.getTime() - since.getTime()).toBe(24 * HOUR);
    expect(attempts).toBeGreaterThan(24);
    expect(attempts).toBeLessThan(60);
  });
});
