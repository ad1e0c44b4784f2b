import type { GraphQLClient } from '../../support/graphql';

export const WEBHOOK_FIELDS = `id url description changeTypes status statusReason statusChangedAt deliveredThroughCursor
  failedAttempts failingSince nextRetryAt signingSecrets { id prefix createdAt expiresAt } createdAt updatedAt`;

export const DELIVERY_FIELDS = `id sequence changeCursor webhookId changeType attempt attemptedAt durationMs statusCode
  outcome error responseExcerpt nextRetryAt`;

/** Creates a webhook over GraphQL and returns it with its secret; fails the test on userErrors. */
export async function createWebhook(client: GraphQLClient, input: Record<string, unknown>) {
  const data = await client.query(
    `mutation($input: WebhookCreateInput!) {
       webhookCreate(input: $input) { webhook { ${WEBHOOK_FIELDS} } secret userErrors { code field message } }
     }`,
    { input },
  );
  if (data.webhookCreate.userErrors.length > 0) throw new Error(JSON.stringify(data.webhookCreate.userErrors));
  return { webhook: data.webhookCreate.webhook, secret: data.webhookCreate.secret as string };
}

export async function webhook(client: GraphQLClient, id: string) {
  return (await client.query(`query($id: ID!) { webhook(id: $id) { ${WEBHOOK_FIELDS} } }`, { id })).webhook;
}

export async function deliveryLog(client: GraphQLClient, id: string) {
  const data = await client.query(
    `query($id: ID!) { webhookDeliveries(id: $id, first: 100) { totalCount nodes { ${DELIVERY_FIELDS} } } }`,
    { id },
  );
  return data.webhookDeliveries.nodes as Array<Record<string, any>>;
}

/** A mutation on one webhook (webhookPause, webhookResume, …); returns its payload. */
export async function webhookMutation(client: GraphQLClient, name: string, input: Record<string, unknown>) {
  const inputType =
    {
      webhookUpdate: 'WebhookUpdateInput',
      webhookReplay: 'WebhookReplayInput',
      webhookSecretRotate: 'WebhookSecretRotateInput',
    }[name] ?? 'WebhookIdInput';
  const secret = name === 'webhookSecretRotate' ? 'secret' : '';
  const data = await client.query(
    `mutation($input: ${inputType}!) { ${name}(input: $input) { webhook { ${WEBHOOK_FIELDS} } ${secret} userErrors { code field message } } }`,
    { input },
  );
  return data[name];
}
