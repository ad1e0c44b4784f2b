import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers of one attempt. The signature is the specification's own
 * (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`), made by its reference library; with several
 * secrets (during a rotation) there is one signature per secret, space-separated, and a receiver
 * holding either verifies. The timestamp is the attempt's, so a retry is signed afresh and stays
 * within a receiver's replay tolerance; the id stays the change's.
 */
export function signedHeaders(
  secrets: readonly string[],
  webhookId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  if (secrets.length === 0) throw new Error(`Webhook delivery ${webhookId} has no signing secret`);
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(webhookId, timestamp, body)).join(' '),
  };
}
