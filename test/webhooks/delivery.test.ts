import { Webhook } from 'standardwebhooks';
import { createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { Receiver, eventually } from './support/receiver';
import { createWebhook, deliveryLog, webhook } from './support/webhooks';

let service: TestService;
let receiver: Receiver;

beforeAll(async () => {
  service = await startTestService(
    { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_INTERVAL_MS: '50' },
    { webhookWorker: true },
  );
});
afterAll(() => service.close());
beforeEach(async () => {
  receiver = await Receiver.start();
});
afterEach(() => receiver.close());

async function tenantClient(): Promise<{ client: GraphQLClient; tenant: { tenantId: string } }> {
  const tenant = await service.createTenant();
  return { client: graphqlClient(service, tenant.graphqlToken), tenant };
}

describe('webhook delivery', () => {
  it('delivers a new user signed by the Standard Webhooks specification, with the change as directoryChanges returns it and the user as user(id) returns it', async () => {
    const { client, tenant } = await tenantClient();
    const { webhook: created, secret } = await createWebhook(client, { url: receiver.url });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const user = await createUser(client, { userName: 'ada@example.com', displayName: 'Ada Lovelace' });

    const [delivery] = await receiver.waitFor(1);
    // The specification's reference verifier, with the secret shown at creation.
    const verified = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>);
    expect(verified).toEqual(delivery!.json);
    expect(delivery!.headers['content-type']).toBe('application/json');

    const feed = await client.query(
      `{ directoryChanges(first: 10) { nodes { cursor sequence occurredAt objectType objectId changeType changedFields
          previousManagerId managerId memberId memberType actor } } }`,
    );
    expect(delivery!.json.type).toBe('user.created');
    expect(delivery!.json.data.change).toEqual(feed.directoryChanges.nodes[0]);
    expect(delivery!.json.timestamp).toBe(feed.directoryChanges.nodes[0].occurredAt);
    const current = await client.query(
      `query($id: ID!) { user(id: $id) { id userName displayName active emails { value type primary } version createdAt } }`,
      { id: user.id },
    );
    expect(delivery!.json.data.object).toMatchObject(current.user);
    expect(delivery!.headers['webhook-id']).toBe(`chg_${tenant.tenantId}_${delivery!.json.data.change.sequence}`);

    const log = await eventually(async () => {
      const entries = await deliveryLog(client, created.id);
      return entries.length === 1 && entries;
    });
    expect(log[0]).toMatchObject({
      outcome: 'DELIVERED',
      statusCode: 200,
      attempt: 1,
      changeType: 'CREATED',
      nextRetryAt: null,
    });
    const after = await webhook(client, created.id);
    expect(after.deliveredThroughCursor).toBe(feed.directoryChanges.nodes[0].cursor);
  });
});
