import { Webhook } from 'standardwebhooks';
import { purgeExpired } from '../../src/domain/directory/retention/purge';
import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { Receiver, eventually } from './support/receiver';
import { createWebhook, deliveryLog, webhook, webhookMutation } from './support/webhooks';

/**
 * Webhooks delivered by the worker of a running service to receivers on loopback (allowed here
 * with WEBHOOK_ALLOW_PRIVATE_TARGETS). Short timeouts and backoff keep the tests quick; the
 * defaults are 10 s and 10 s, doubling to an hour, for 24 hours.
 */
const FAST = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_TIMEOUT_MS: '600',
  WEBHOOK_RETRY_FIRST_DELAY_MS: '100',
};

let service: TestService;
const receivers: Receiver[] = [];

beforeAll(async () => {
  service = await startTestService(FAST, { webhookWorker: true, database: 'own' });
});
afterAll(() => service.close());
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(): Promise<Receiver> {
  const started = await Receiver.start();
  receivers.push(started);
  return started;
}

async function tenant(on: TestService = service) {
  const created = await on.createTenant();
  return { tenantId: created.tenantId, client: graphqlClient(on, created.graphqlToken) };
}

const CHANGE_FIELDS = `cursor sequence occurredAt objectType objectId changeType changedFields previousManagerId
  managerId memberId memberType actor`;

async function changes(client: GraphQLClient) {
  return (await client.query(`{ directoryChanges(first: 100) { nodes { ${CHANGE_FIELDS} } } }`)).directoryChanges
    .nodes as Array<Record<string, any>>;
}

async function deactivate(client: GraphQLClient, id: string) {
  await client.query(`mutation($id: ID!) { userUpdate(input: { id: $id, active: false }) { userErrors { code } } }`, {
    id,
  });
}

describe('webhook delivery', () => {
  it('delivers a new user signed by the Standard Webhooks specification, with the change as directoryChanges returns it and the user as user(id) returns it', async () => {
    const hooks = await receiver();
    const { client, tenantId } = await tenant();
    const { webhook: created, secret } = await createWebhook(client, { url: hooks.url });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const user = await createUser(client, { userName: 'ada@example.com', displayName: 'Ada Lovelace' });

    const [delivery] = await hooks.waitFor(1);
    // The specification's reference verifier (the standardwebhooks package), with the secret shown at creation.
    const verified = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>);
    expect(verified).toEqual(delivery!.json);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
        delivery!.body,
        delivery!.headers as Record<string, string>,
      ),
    ).toThrow(/signature/i);
    expect(delivery!.headers['content-type']).toBe('application/json');

    const [change] = await changes(client);
    expect(delivery!.json.type).toBe('user.created');
    expect(delivery!.json.data.change).toEqual(change);
    expect(delivery!.json.timestamp).toBe(change!.occurredAt);
    expect(delivery!.headers['webhook-id']).toBe(`chg_${tenantId}_${change!.sequence}`);
    const current = await client.query(
      `query($id: ID!) { user(id: $id) { id userName displayName active emails { value type primary } managerId
         departmentId version createdAt updatedAt } }`,
      { id: user.id },
    );
    expect(delivery!.json.data.object).toMatchObject(current.user);

    const log = await eventually(async () => {
      const entries = await deliveryLog(client, created.id);
      return entries.length === 1 && entries;
    });
    expect(log[0]).toMatchObject({
      sequence: change!.sequence,
      changeCursor: change!.cursor,
      webhookId: delivery!.headers['webhook-id'],
      changeType: 'CREATED',
      attempt: 1,
      outcome: 'DELIVERED',
      statusCode: 200,
      error: null,
      nextRetryAt: null,
    });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect((await webhook(client, created.id)).deliveredThroughCursor).toBe(change!.cursor);
  });

  it('delivers only the change types asked for, and its cursor moves past the others', async () => {
    const hooks = await receiver();
    const { client } = await tenant();
    const { webhook: created } = await createWebhook(client, { url: hooks.url, changeTypes: ['DEACTIVATED'] });
    const user = await createUser(client, { userName: 'leaver@example.com' });
    await deactivate(client, user.id);
    await createUser(client, { userName: 'later@example.com' });

    const [delivery] = await hooks.waitFor(1);
    expect(delivery!.json.type).toBe('user.deactivated');
    expect(delivery!.json.data.object).toMatchObject({ id: user.id, active: false });
    const latest = (await client.query('{ directoryChangesLatestCursor }')).directoryChangesLatestCursor;
    await eventually(async () => (await webhook(client, created.id)).deliveredThroughCursor === latest);
    expect(hooks.deliveries).toHaveLength(1);
  });

  it('delivers groups and memberships, and a deleted object as null', async () => {
    const hooks = await receiver();
    const { client } = await tenant();
    await createWebhook(client, { url: hooks.url });
    const user = await createUser(client, { userName: 'member@example.com' });
    const group = await createGroup(client, { displayName: 'Engineering' });
    await client.query(
      `mutation($g: ID!, $u: ID!) { groupMembersAdd(input: { groupId: $g, memberIds: [$u] }) { userErrors { code } } }`,
      { g: group.id, u: user.id },
    );
    await client.query(`mutation($id: ID!) { userDelete(input: { id: $id }) { userErrors { code } } }`, {
      id: user.id,
    });
    const received = await hooks.waitFor(5);
    expect(received.map((d) => d.json.type)).toEqual([
      'user.created',
      'group.created',
      'group.member_added',
      'group.member_removed',
      'user.deleted',
    ]);
    expect(received[2]!.json.data.change).toMatchObject({ memberId: user.id, memberType: 'USER' });
    expect(received[2]!.json.data.object).toMatchObject({ id: group.id, displayName: 'Engineering' });
    expect(received[4]!.json.data.object).toBeNull();
  });

  it('retries a receiver that fails and times out, keeps change order until it recovers, and disables the webhook on 410', async () => {
    const hooks = await receiver();
    const { client } = await tenant();
    const { webhook: created } = await createWebhook(client, { url: hooks.url });
    const answers = [{ status: 500, body: 'database down' }, 'hang' as const];
    hooks.answer = (_delivery, index) => answers[index] ?? { status: 200 };

    await createUser(client, { userName: 'first@example.com' });
    await createUser(client, { userName: 'second@example.com' });
    const received = await hooks.waitFor(4);
    const [first, second] = (await changes(client)).map((change) => change.sequence);
    // The first change three times (500, timeout, 200) before the second is sent at all.
    expect(received.map((d) => d.json.data.change.sequence)).toEqual([first, first, first, second]);
    expect(new Set(received.slice(0, 3).map((d) => d.headers['webhook-id'])).size).toBe(1);
    // Each attempt is signed afresh, with its own timestamp.
    const timestamps = received.slice(0, 3).map((d) => Number(d.headers['webhook-timestamp']));
    expect([...timestamps].sort()).toEqual(timestamps);
    // Backoff: each retry waited (half to all of 100 ms, then of 200 ms).
    expect(received[1]!.receivedAt - received[0]!.receivedAt).toBeGreaterThanOrEqual(45);
    expect(received[2]!.receivedAt - received[1]!.receivedAt).toBeGreaterThanOrEqual(600 + 95);

    const log = await eventually(async () => {
      const entries = await deliveryLog(client, created.id);
      return entries.length === 4 && entries.reverse();
    });
    expect(log.map((entry) => [entry.sequence, entry.attempt, entry.outcome, entry.statusCode])).toEqual([
      [first, 1, 'FAILED', 500],
      [first, 2, 'FAILED', null],
      [first, 3, 'DELIVERED', 200],
      [second, 1, 'DELIVERED', 200],
    ]);
    expect(log[0]).toMatchObject({ error: 'The receiver answered 500.', responseExcerpt: 'database down' });
    expect(log[0]!.nextRetryAt).not.toBeNull();
    expect(log[1]).toMatchObject({ error: 'No complete answer within 0.6 s.' });
    expect(log[1]!.durationMs).toBeGreaterThanOrEqual(590);
    expect(Date.parse(log[1]!.nextRetryAt)).toBeGreaterThan(Date.parse(log[1]!.attemptedAt));
    expect(await webhook(client, created.id)).toMatchObject({
      failedAttempts: 0,
      failingSince: null,
      nextRetryAt: null,
    });

    hooks.answer = () => ({ status: 410 });
    await createUser(client, { userName: 'third@example.com' });
    await hooks.waitFor(5);
    const disabled = await eventually(async () => {
      const current = await webhook(client, created.id);
      return current.status === 'DISABLED' && current;
    });
    expect(disabled.statusReason).toMatch(/410 Gone/);
    await createUser(client, { userName: 'fourth@example.com' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooks.deliveries).toHaveLength(5);
    expect((await deliveryLog(client, created.id))[0]).toMatchObject({ outcome: 'GONE', statusCode: 410 });

    // Resumed, it delivers what it had not, in order.
    hooks.answer = () => ({ status: 204 });
    await webhookMutation(client, 'webhookResume', { id: created.id });
    const all = await hooks.waitFor(7);
    const sequences = (await changes(client)).map((change) => change.sequence);
    expect(all.slice(4).map((d) => d.json.data.change.sequence)).toEqual([sequences[2], sequences[2], sequences[3]]);
  });

  it('pauses a webhook whose receiver fails for the whole retry window, says why, and delivers everything once resumed', async () => {
    const brief = await startTestService(
      { ...FAST, WEBHOOK_RETRY_HOURS: String(1.5 / 3600) },
      { webhookWorker: true, database: 'own' },
    );
    try {
      const hooks = await receiver();
      const { client } = await tenant(brief);
      const { webhook: created } = await createWebhook(client, { url: hooks.url });
      hooks.answer = () => ({ status: 503 });
      await createUser(client, { userName: 'one@example.com' });
      await createUser(client, { userName: 'two@example.com' });
      const paused = await eventually(async () => {
        const current = await webhook(client, created.id);
        return current.status === 'PAUSED' && current;
      });
      expect(paused.statusReason).toMatch(/could not be delivered since .* the last: The receiver answered 503/);
      const attempts = hooks.deliveries.length;
      expect(attempts).toBeGreaterThanOrEqual(3);
      const [first, second] = (await changes(client)).map((change) => change.sequence);
      expect(new Set(hooks.sequences().map(String))).toEqual(new Set([first]));
      const log = await deliveryLog(client, created.id);
      expect(log[0]).toMatchObject({ outcome: 'FAILED', nextRetryAt: null, attempt: attempts });
      // The window is counted from the first failure, and the last attempt falls at its end.
      expect(Date.parse(log[0]!.attemptedAt) - Date.parse(log[log.length - 1]!.attemptedAt)).toBeGreaterThanOrEqual(
        1400,
      );

      hooks.answer = () => ({ status: 200 });
      const resumed = await webhookMutation(client, 'webhookResume', { id: created.id });
      expect(resumed.webhook).toMatchObject({ status: 'ACTIVE', failedAttempts: 0, nextRetryAt: null });
      const all = await hooks.waitFor(attempts + 2);
      expect(all.slice(attempts).map((d) => d.json.data.change.sequence)).toEqual([first, second]);
    } finally {
      await brief.close();
    }
  });

  it('signs with both secrets during a rotation, then with the new one only', async () => {
    const hooks = await receiver();
    const { client } = await tenant();
    const { webhook: created, secret: original } = await createWebhook(client, { url: hooks.url });
    const rotated = await webhookMutation(client, 'webhookSecretRotate', {
      id: created.id,
      previousSecretExpiresInHours: 1,
    });
    await createUser(client, { userName: 'rotation@example.com' });
    const [during] = await hooks.waitFor(1);
    const headers = during!.headers as Record<string, string>;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(original).verify(during!.body, headers)).toEqual(during!.json);
    expect(new Webhook(rotated.secret).verify(during!.body, headers)).toEqual(during!.json);

    await webhookMutation(client, 'webhookSecretRotate', { id: created.id, previousSecretExpiresInHours: 0 });
    const latest = (await webhook(client, created.id)).signingSecrets;
    expect(latest).toHaveLength(1);
    await createUser(client, { userName: 'after@example.com' });
    const [, after] = await hooks.waitFor(2);
    const afterHeaders = after!.headers as Record<string, string>;
    expect(afterHeaders['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(original).verify(after!.body, afterHeaders)).toThrow();
    expect(() => new Webhook(rotated.secret).verify(after!.body, afterHeaders)).toThrow();
  });

  it('replays every change after a cursor with the same webhook-ids, and refuses a cursor past retention', async () => {
    const hooks = await receiver();
    const { client, tenantId } = await tenant();
    const { webhook: created } = await createWebhook(client, { url: hooks.url });
    for (const name of ['a', 'b', 'c']) await createUser(client, { userName: `${name}@example.com` });
    const firstRound = await hooks.waitFor(3);
    const feed = await changes(client);
    const replayed = await webhookMutation(client, 'webhookReplay', { id: created.id, after: feed[0]!.cursor });
    expect(replayed.webhook.deliveredThroughCursor).toBe(feed[0]!.cursor);
    const all = await hooks.waitFor(5);
    expect(all.slice(3).map((d) => d.headers['webhook-id'])).toEqual(
      firstRound.slice(1).map((d) => d.headers['webhook-id']),
    );
    expect(hooks.sequences()).toEqual([1, 2, 3, 2, 3].map((n) => Number(feed[n - 1]!.sequence)));

    // The first two changes age past retention and are purged.
    await service.database.execute({
      text: `update directory_changes set occurred_at = now() - interval '40 days' where tenant_id = ? and seq <= 2`,
      params: [tenantId],
    });
    await purgeExpired(service.database, { deletedObjectsDays: 30, changesDays: 30, provisioningEventsDays: 90 });
    const expired = await webhookMutation(client, 'webhookReplay', { id: created.id, after: feed[0]!.cursor });
    expect(expired.userErrors).toEqual([expect.objectContaining({ code: 'CURSOR_EXPIRED' })]);
    const fine = await webhookMutation(client, 'webhookReplay', { id: created.id, after: feed[1]!.cursor });
    expect(fine.userErrors).toEqual([]);
    await hooks.waitFor(6);
  });

  it('follows no redirect, and reads no more than a little of a response', async () => {
    const target = await receiver();
    const hooks = await receiver();
    const { client } = await tenant();
    const { webhook: created } = await createWebhook(client, { url: hooks.url });
    hooks.answer = (_delivery, index) =>
      index === 0 ? { status: 307, headers: { location: target.url } } : { status: 200, body: 'x'.repeat(1_000_000) };
    await createUser(client, { userName: 'redirect@example.com' });
    await hooks.waitFor(2);
    const log = await eventually(async () => {
      const entries = await deliveryLog(client, created.id);
      return entries.length === 2 && entries.reverse();
    });
    expect(log[0]).toMatchObject({
      outcome: 'FAILED',
      statusCode: 307,
      error: expect.stringMatching(/redirects are not followed/),
    });
    expect(log[1]).toMatchObject({ outcome: 'DELIVERED', statusCode: 200 });
    expect(log[1]!.responseExcerpt).toHaveLength(1000);
    expect(target.deliveries).toHaveLength(0);
  });

  it("never delays another tenant's deliveries behind a receiver that hangs", async () => {
    const patient = await startTestService(
      { ...FAST, WEBHOOK_TIMEOUT_MS: '5000' },
      { webhookWorker: true, database: 'own' },
    );
    try {
      const slow = await receiver();
      const quick = await receiver();
      slow.answer = () => 'hang';
      const a = await tenant(patient);
      const b = await tenant(patient);
      await createWebhook(a.client, { url: slow.url });
      await createWebhook(b.client, { url: quick.url });
      await createUser(a.client, { userName: 'slow@example.com' });
      await slow.waitFor(1);
      const started = Date.now();
      await createUser(b.client, { userName: 'quick@example.com' });
      await quick.waitFor(1, 2_000);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(slow.deliveries).toHaveLength(1);
    } finally {
      await patient.close();
    }
  });
});
