import type { WebhookSettings } from '../../../platform/config';

/** However many attempts have failed, the next one waits at most this long. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

export type RetryDecision = { retryAt: Date } | { giveUp: true };

/**
 * When to try a failing change again: exponential backoff from the first delay, doubling up to an
 * hour, with "equal jitter" (each delay is between half and all of its step) so that receivers
 * coming back after an outage are not hit by every webhook at once. Past the retry window,
 * counted from the first failure, the webhook is paused instead.
 */
export function nextAttempt(
  failedAttempts: number,
  failingSince: Date,
  now: Date,
  retry: WebhookSettings['retry'],
  random: () => number = Math.random,
): RetryDecision {
  if (now.getTime() - failingSince.getTime() >= retry.windowMs) return { giveUp: true };
  const step = Math.min(MAX_RETRY_DELAY_MS, retry.firstDelayMs * 2 ** Math.min(failedAttempts - 1, 30));
  const delay = step / 2 + random() * (step / 2);
  // The last retry falls at the end of the window, so a receiver gets the whole window to recover.
  const end = failingSince.getTime() + retry.windowMs;
  return { retryAt: new Date(Math.min(now.getTime() + delay, end)) };
}
