import { randomBytes } from 'node:crypto';

/**
 * A signing secret as the Standard Webhooks specification has it: `whsec_` and the base64 of
 * random bytes (24 to 64; these are 32, as many as the HMAC-SHA256 key is long).
 */
export function newWebhookSecret(): { secret: string; prefix: string } {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  return { secret, prefix: `${secret.slice(0, 'whsec_'.length + 6)}…` };
}
