import { randomUUID } from 'node:crypto';
import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { TokenService } from '../../src/domain/accounts/tokens/token.service';
import { CLIENT_CREATE, CLIENT_FIELDS, createSecretClient } from './support/oauth';

/** OAuth clients as a tenant's admin manages them over GraphQL (the CLI has the same commands). */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const ENTRA_TENANT = '11111111-2222-3333-4444-555555555555';
const ENTRA_ISSUER = `https://login.microsoftonline.com/${ENTRA_TENANT}/v2.0`;
const DAY_MS = 86_400_000;

const SECRET_ADD = `mutation($input: OAuthClientSecretAddInput!) {
  oauthClientSecretAdd(input: $input) { secret { id status expiresAt } clientSecret userErrors { code field message } }
}`;
const SECRET_REVOKE = `mutation($input: OAuthClientSecretRevokeInput!) {
  oauthClientSecretRevoke(input: $input) { secret { id status } userErrors { code field message } }
}`;
const CLIENT_REVOKE = `mutation($input: OAuthClientRevokeInput!) {
  oauthClientRevoke(input: $input) { oauthClient { id revokedAt } userErrors { code field message } }
}`;

async function adminOfNewTenant(): Promise<GraphQLClient> {
  return graphqlClient(service, (await service.createTenant()).graphqlToken);
}

async function listed(admin: GraphQLClient, includeRevoked = false) {
  const data = await admin.query(
    `query($includeRevoked: Boolean!) { oauthClients(includeRevoked: $includeRevoked) { totalCount nodes { ${CLIENT_FIELDS} } } }`,
    { includeRevoked },
  );
  return data.oauthClients;
}

describe('OAuth clients (admin scope)', () => {
  it('creates a client with a first secret that expires in a year, shown once and never listed', async () => {
    const admin = await adminOfNewTenant();
    const created = await admin.query(CLIENT_CREATE, { input: { name: '  Entra provisioning ' } });
    const { oauthClient, clientSecret, userErrors } = created.oauthClientCreate;
    expect(userErrors).toEqual([]);
    expect(clientSecret).toMatch(/^ocs_[A-Za-z0-9_-]{43}$/);
    expect(oauthClient).toMatchObject({
      name: 'Entra provisioning',
      kind: 'SECRET',
      accessTokenLifetimeMinutes: 60,
      federation: null,
      lastUsedAt: null,
      revokedAt: null,
      secrets: [{ prefix: `${clientSecret.slice(0, 10)}…`, status: 'ACTIVE', lastUsedAt: null, revokedAt: null }],
    });
    const [secret] = oauthClient.secrets;
    expect(Date.parse(secret.expiresAt) - Date.parse(secret.createdAt)).toBe(365 * DAY_MS);

    const list = await listed(admin);
    expect(list.totalCount).toBe(1);
    expect(list.nodes[0].id).toBe(oauthClient.id);
    expect(JSON.stringify(list)).not.toContain(clientSecret);
  });

  it.each([
    [{ secretLifetimeDays: 364 }, 'secretLifetimeDays'],
    [{ secretLifetimeDays: 1096 }, 'secretLifetimeDays'],
    [{ accessTokenLifetimeMinutes: 59 }, 'accessTokenLifetimeMinutes'],
    [{ accessTokenLifetimeMinutes: 361 }, 'accessTokenLifetimeMinutes'],
    [{ name: '   ' }, 'name'],
  ])(
    'refuses %j with INVALID_INPUT (gallery: secrets 1–3 years, tokens 60 minutes to 6 hours)',
    async (input, field) => {
      const admin = await adminOfNewTenant();
      const result = await admin.query(CLIENT_CREATE, { input: { name: 'Entra', ...input } });
      expect(result.oauthClientCreate).toEqual({
        oauthClient: null,
        clientSecret: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', field], message: expect.any(String) }],
      });
      expect((await listed(admin, true)).totalCount).toBe(0);
    },
  );

  it('keeps at most three active secrets; revoked and expired ones make room', async () => {
    const admin = await adminOfNewTenant();
    const client = await createSecretClient(admin, { secretLifetimeDays: 1095 });
    const add = () => admin.query(SECRET_ADD, { input: { clientId: client.clientId } });
    const second = await add();
    expect(second.oauthClientSecretAdd.secret.status).toBe('ACTIVE');
    expect((await add()).oauthClientSecretAdd.userErrors).toEqual([]);
    const fourth = await add();
    expect(fourth.oauthClientSecretAdd).toEqual({
      secret: null,
      clientSecret: null,
      userErrors: [
        { code: 'TOO_MANY_SECRETS', field: ['input', 'clientId'], message: expect.stringContaining('3 active') },
      ],
    });

    await admin.query(SECRET_REVOKE, { input: { clientId: client.clientId, secretId: client.secretId } });
    expect((await add()).oauthClientSecretAdd.userErrors).toEqual([]);
    expect((await add()).oauthClientSecretAdd.userErrors[0].code).toBe('TOO_MANY_SECRETS');

    await service.database.execute({
      text: `update oauth_client_secrets set expires_at = now() - interval '1 second' where id = ?::uuid`,
      params: [second.oauthClientSecretAdd.secret.id],
    });
    expect((await add()).oauthClientSecretAdd.userErrors).toEqual([]);
    const secrets = (await listed(admin)).nodes[0].secrets;
    expect(secrets.map((secret: { status: string }) => secret.status).sort()).toEqual([
      'ACTIVE',
      'ACTIVE',
      'ACTIVE',
      'EXPIRED',
      'REVOKED',
    ]);
  });

  it('adds no more secrets to concurrent requests than the limit allows', async () => {
    const admin = await adminOfNewTenant();
    const client = await createSecretClient(admin);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => admin.query(SECRET_ADD, { input: { clientId: client.clientId } })),
    );
    const codes = results.map((result) => result.oauthClientSecretAdd.userErrors[0]?.code ?? 'ADDED').sort();
    expect(codes).toEqual(['ADDED', 'ADDED', 'TOO_MANY_SECRETS', 'TOO_MANY_SECRETS']);
  });

  it('creates a federated client; for an Entra issuer the signing keys’ place is known', async () => {
    const admin = await adminOfNewTenant();
    const subject = randomUUID();
    const appId = randomUUID();
    const created = await admin.query(CLIENT_CREATE, {
      input: {
        name: 'Entra WIF',
        accessTokenLifetimeMinutes: 120,
        federation: { issuer: ENTRA_ISSUER, subject, audiences: [`api://${appId}`, appId, appId] },
      },
    });
    expect(created.oauthClientCreate).toMatchObject({
      clientSecret: null,
      userErrors: [],
      oauthClient: {
        kind: 'FEDERATED',
        accessTokenLifetimeMinutes: 120,
        secrets: [],
        federation: {
          issuer: ENTRA_ISSUER,
          subject,
          audiences: [`api://${appId}`, appId],
          jwksUri: `https://login.microsoftonline.com/${ENTRA_TENANT}/discovery/v2.0/keys`,
        },
      },
    });
    const added = await admin.query(SECRET_ADD, { input: { clientId: created.oauthClientCreate.oauthClient.id } });
    expect(added.oauthClientSecretAdd.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'clientId'], message: expect.stringContaining('federated') },
    ]);
  });

  it.each([
    [
      { issuer: 'http://login.example.com/v2.0', jwksUri: 'https://login.example.com/keys' },
      ['federation', 'issuer'],
      'https',
    ],
    [{ issuer: 'https://idp.example.com' }, ['federation', 'jwksUri'], 'jwksUri is required'],
    [{ jwksUri: 'ftp://keys.example.com/jwks' }, ['federation', 'jwksUri'], 'https'],
    [{ subject: ' ' }, ['federation', 'subject'], 'blank'],
    [{ audiences: [] }, ['federation', 'audiences'], 'at least one audience'],
  ])('refuses a federation with %j as INVALID_INPUT', async (federation, field, words) => {
    const admin = await adminOfNewTenant();
    const input = {
      name: 'WIF',
      federation: { issuer: ENTRA_ISSUER, subject: randomUUID(), audiences: ['api://x'], ...federation },
    };
    const result = await admin.query(CLIENT_CREATE, { input });
    expect(result.oauthClientCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', ...field], message: expect.stringContaining(words) },
    ]);
  });

  it('refuses a secret lifetime for a federated client, and accepts http only on loopback', async () => {
    const admin = await adminOfNewTenant();
    const federation = {
      issuer: 'http://127.0.0.1:9/idp',
      jwksUri: 'http://localhost:9/jwks',
      subject: 's',
      audiences: ['a'],
    };
    const refused = await admin.query(CLIENT_CREATE, { input: { name: 'WIF', federation, secretLifetimeDays: 365 } });
    expect(refused.oauthClientCreate.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'secretLifetimeDays'],
    });
    const created = await admin.query(CLIENT_CREATE, { input: { name: 'WIF', federation } });
    expect(created.oauthClientCreate.userErrors).toEqual([]);
  });

  it('revokes a client once (revoking again changes nothing) and lists it only with includeRevoked', async () => {
    const admin = await adminOfNewTenant();
    const client = await createSecretClient(admin);
    const first = await admin.query(CLIENT_REVOKE, { input: { id: client.clientId } });
    const again = await admin.query(CLIENT_REVOKE, { input: { id: client.clientId } });
    expect(again.oauthClientRevoke.oauthClient.revokedAt).toBe(first.oauthClientRevoke.oauthClient.revokedAt);
    expect((await listed(admin)).totalCount).toBe(0);
    expect((await listed(admin, true)).nodes.map((node: { id: string }) => node.id)).toEqual([client.clientId]);
    const add = await admin.query(SECRET_ADD, { input: { clientId: client.clientId } });
    expect(add.oauthClientSecretAdd.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('revoked'),
    });
  });

  it("treats another tenant's client as not found", async () => {
    const adminA = await adminOfNewTenant();
    const adminB = await adminOfNewTenant();
    const client = await createSecretClient(adminA);
    expect((await listed(adminB, true)).totalCount).toBe(0);
    expect(
      (await adminB.query(CLIENT_REVOKE, { input: { id: client.clientId } })).oauthClientRevoke.userErrors[0].code,
    ).toBe('NOT_FOUND');
    const secret = await adminB.query(SECRET_REVOKE, {
      input: { clientId: client.clientId, secretId: client.secretId },
    });
    expect(secret.oauthClientSecretRevoke.userErrors[0].code).toBe('NOT_FOUND');
    expect(
      (await adminB.query(SECRET_ADD, { input: { clientId: client.clientId } })).oauthClientSecretAdd.userErrors[0]
        .code,
    ).toBe('NOT_FOUND');
    expect((await listed(adminA)).nodes[0]).toMatchObject({ revokedAt: null, secrets: [{ status: 'ACTIVE' }] });
  });

  it('are out of reach of read and write tokens', async () => {
    const tenant = await service.createTenant();
    const transaction = await TenantTransaction.begin(service.database);
    await transaction.enterTenant(tenant.tenantId);
    const writer = await new TokenService(transaction).issue({ kind: 'graphql', name: 'writer', scopes: ['write'] });
    await transaction.commit();
    const client = graphqlClient(service, writer.secret);
    expect((await client.raw('{ oauthClients { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await client.raw(CLIENT_CREATE, { input: { name: 'sneaky' } });
    expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
