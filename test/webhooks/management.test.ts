import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { createWebhook, webhook, webhookMutation, WEBHOOK_FIELDS } from './support/webhooks';

/** Managing webhooks over admin GraphQL. No worker runs here: nothing is delivered anywhere. */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

async function adminClient(): Promise<GraphQLClient> {
  return graphqlClient(service, (await service.createTenant()).graphqlToken);
}

const CREATE = `mutation($input: WebhookCreateInput!) {
  webhookCreate(input: $input) { webhook { id url } secret userErrors { code field message } }
}`;

describe('webhook subscriptions over admin GraphQL', () => {
  it('creates a webhook with its secret shown once, all change types unless told, active, delivering from the latest change', async () => {
    const client = await adminClient();
    const latest = (await client.query('{ directoryChangesLatestCursor }')).directoryChangesLatestCursor;
    const { webhook: created, secret } = await createWebhook(client, {
      url: 'https://hooks.example.com/evercate',
      description: ' Onboarding flows ',
    });
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/evercate',
      description: 'Onboarding flows',
      changeTypes: [],
      status: 'ACTIVE',
      statusReason: null,
      deliveredThroughCursor: latest,
      failedAttempts: 0,
      failingSince: null,
      nextRetryAt: null,
    });
    expect(created.signingSecrets).toEqual([
      expect.objectContaining({ prefix: `${secret.slice(0, 12)}…`, expiresAt: null }),
    ]);
    const listed = await client.query(`{ webhooks { totalCount nodes { ${WEBHOOK_FIELDS} } } }`);
    expect(listed.webhooks.totalCount).toBe(1);
    expect(listed.webhooks.nodes[0]).toEqual(created);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(12));
  });

  it('updates only what is given; an empty list of change types means every type', async () => {
    const client = await adminClient();
    const { webhook: created } = await createWebhook(client, {
      url: 'https://hooks.example.com/a',
      changeTypes: ['CREATED', 'DEACTIVATED', 'CREATED'],
      description: 'First',
    });
    expect(created.changeTypes).toEqual(['CREATED', 'DEACTIVATED']);
    const moved = await webhookMutation(client, 'webhookUpdate', {
      id: created.id,
      url: 'https://hooks.example.com/b',
    });
    expect(moved.webhook).toMatchObject({
      url: 'https://hooks.example.com/b',
      changeTypes: ['CREATED', 'DEACTIVATED'],
      description: 'First',
    });
    const cleared = await webhookMutation(client, 'webhookUpdate', {
      id: created.id,
      changeTypes: [],
      description: null,
    });
    expect(cleared.webhook).toMatchObject({ url: 'https://hooks.example.com/b', changeTypes: [], description: null });
  });

  it('pauses, resumes and deletes', async () => {
    const client = await adminClient();
    const { webhook: created } = await createWebhook(client, { url: 'https://hooks.example.com/p' });
    const paused = await webhookMutation(client, 'webhookPause', { id: created.id });
    expect(paused.webhook).toMatchObject({ status: 'PAUSED', statusReason: 'Paused by an admin.' });
    const resumed = await webhookMutation(client, 'webhookResume', { id: created.id });
    expect(resumed.webhook).toMatchObject({ status: 'ACTIVE', statusReason: null });
    const deleted = await webhookMutation(client, 'webhookDelete', { id: created.id });
    expect(deleted.webhook.id).toBe(created.id);
    expect(await webhook(client, created.id)).toBeNull();
    const again = await webhookMutation(client, 'webhookDelete', { id: created.id });
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });

  it('rotates the secret: both sign until the old one expires', async () => {
    const client = await adminClient();
    const { webhook: created, secret } = await createWebhook(client, { url: 'https://hooks.example.com/r' });
    const rotated = await webhookMutation(client, 'webhookSecretRotate', {
      id: created.id,
      previousSecretExpiresInHours: 2,
    });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    const [newest, previous] = rotated.webhook.signingSecrets;
    expect(newest).toMatchObject({ prefix: `${rotated.secret.slice(0, 12)}…`, expiresAt: null });
    expect(previous.prefix).toBe(`${secret.slice(0, 12)}…`);
    const hoursLeft = (Date.parse(previous.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(1.9);
    expect(hoursLeft).toBeLessThanOrEqual(2);

    const now = await webhookMutation(client, 'webhookSecretRotate', {
      id: created.id,
      previousSecretExpiresInHours: 0,
    });
    expect(now.webhook.signingSecrets).toEqual([expect.objectContaining({ prefix: `${now.secret.slice(0, 12)}…` })]);
    const tooLong = await webhookMutation(client, 'webhookSecretRotate', {
      id: created.id,
      previousSecretExpiresInHours: 1000,
    });
    expect(tooLong.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'previousSecretExpiresInHours'] }),
    ]);
  });

  it.each([
    ['http://hooks.example.com/x', /https/],
    ['ftp://hooks.example.com/x', /https/],
    ['not a url', /absolute https URL/],
    ['https://user:pass@hooks.example.com/x', /user name or password/],
    ['https://10.0.0.7/x', /private, loopback or link-local/],
    ['https://169.254.169.254/latest/meta-data', /private, loopback or link-local/],
    ['https://[fd00::1]/x', /private, loopback or link-local/],
    ['http://localhost:3000/x', /WEBHOOK_ALLOW_PRIVATE_TARGETS/],
    ['https://127.0.0.1/x', /WEBHOOK_ALLOW_PRIVATE_TARGETS/],
  ])('refuses %s as a target while private targets are not allowed', async (url, message) => {
    const client = await adminClient();
    const { webhookCreate } = await client.query(CREATE, { input: { url } });
    expect(webhookCreate.webhook).toBeNull();
    expect(webhookCreate.secret).toBeNull();
    expect(webhookCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'url'], message: expect.stringMatching(message) },
    ]);
  });

  it('allows loopback and plain http only where the operator allows private targets', async () => {
    const open = await startTestService({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    try {
      const client = graphqlClient(open, (await open.createTenant()).graphqlToken);
      for (const url of ['http://localhost:3000/x', 'http://10.0.0.7/x', 'https://127.0.0.1/x']) {
        const { webhookCreate } = await client.query(CREATE, { input: { url } });
        expect(webhookCreate.userErrors).toEqual([]);
      }
    } finally {
      await open.close();
    }
  });

  it('keeps a tenant at most 20 webhooks', async () => {
    const client = await adminClient();
    for (let i = 0; i < 20; i++) await createWebhook(client, { url: `https://hooks.example.com/${i}` });
    const { webhookCreate } = await client.query(CREATE, { input: { url: 'https://hooks.example.com/21' } });
    expect(webhookCreate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT' })]);
  });

  it('refuses a replay cursor that is not one, or lies after the latest change', async () => {
    const client = await adminClient();
    const { webhook: created } = await createWebhook(client, { url: 'https://hooks.example.com/c' });
    const forged = await webhookMutation(client, 'webhookReplay', { id: created.id, after: 'nonsense' });
    expect(forged.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'after'] })]);
    const future = Buffer.from('changes:999999', 'utf8').toString('base64url');
    const ahead = await webhookMutation(client, 'webhookReplay', { id: created.id, after: future });
    expect(ahead.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'after'] })]);
  });

  it("sees only its own tenant's webhooks: another tenant's id is not found", async () => {
    const owner = await adminClient();
    const other = await adminClient();
    const { webhook: created } = await createWebhook(owner, { url: 'https://hooks.example.com/t' });
    expect(await webhook(other, created.id)).toBeNull();
    expect((await other.query('{ webhooks { totalCount } }')).webhooks.totalCount).toBe(0);
    for (const name of ['webhookPause', 'webhookResume', 'webhookDelete']) {
      const payload = await webhookMutation(other, name, { id: created.id });
      expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    }
    const log = await other.raw(`query($id: ID!) { webhookDeliveries(id: $id) { totalCount } }`, { id: created.id });
    expect(log.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await webhook(owner, created.id)).status).toBe('ACTIVE');
  });

  it('needs the admin scope', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const issued = await admin.query(
      `mutation { apiTokenCreate(input: { kind: GRAPHQL, name: "writer", scopes: [WRITE] }) { secret } }`,
    );
    const writer = graphqlClient(service, issued.apiTokenCreate.secret);
    const created = await writer.raw(CREATE, { input: { url: 'https://hooks.example.com/w' } });
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await writer.raw('{ webhooks { totalCount } }');
    expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
