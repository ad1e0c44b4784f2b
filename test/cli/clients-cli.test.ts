import { randomUUID } from 'node:crypto';
import { graphqlClient } from '../support/graphql';
import { runCli } from './support/run-cli';
import { startTestService, type TestService } from '../support/harness';
import { tokenRequest } from '../auth/support/oauth';

const PUBLIC_BASE_URL = 'https://directory.example.com';

/** The CLI with the service's public URL configured. */
const cli = (...args: string[]) => runCli(args, { PUBLIC_BASE_URL });

/** Runs a --json command and returns its one JSON object. */
async function json(...args: string[]): Promise<any> {
  const { stdout, stderr } = await cli(...args, '--json');
  const lines = stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got: ${stdout}${stderr}`);
  return JSON.parse(lines[0]!);
}

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const clientCredentials = (clientId: string, secret: string) =>
  tokenRequest(service, { grant_type: 'client_credentials' }, { basic: [clientId, secret] });

describe('the clients commands', () => {
  it('creates a client printing exactly clientId, clientSecret and tokenUrl; the secret gets tokens', async () => {
    const tenant = await service.createTenant();
    const created = await json('clients', 'create', '--tenant', tenant.tenantId, '--name', 'Entra');
    expect(Object.keys(created).sort()).toEqual(['clientId', 'clientSecret', 'tokenUrl']);
    expect(created).toEqual({
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientSecret: expect.stringMatching(/^ocs_[A-Za-z0-9_-]{43}$/),
      tokenUrl: `${PUBLIC_BASE_URL}/oauth2/token`,
    });
    expect((await clientCredentials(created.clientId, created.clientSecret)).status).toBe(200);
  });

  it('creates a federated client printing exactly clientId and tokenUrl', async () => {
    const tenant = await service.createTenant();
    const entraTenant = randomUUID();
    const created = await json(
      'clients',
      'create',
      '--tenant',
      tenant.tenantId,
      '--name',
      'Entra WIF',
      '--federated-issuer',
      `https://login.microsoftonline.com/${entraTenant}/v2.0`,
      '--federated-subject',
      randomUUID(),
      '--federated-audience',
      'api://evercate-provisioning',
      '--federated-audience',
      'evercate-provisioning',
    );
    expect(Object.keys(created).sort()).toEqual(['clientId', 'tokenUrl']);
    const admin = graphqlClient(service, tenant.graphqlToken);
    const listed = await admin.query(
      '{ oauthClients { nodes { id kind secrets { id } federation { audiences jwksUri } } } }',
    );
    expect(listed.oauthClients.nodes).toEqual([
      {
        id: created.clientId,
        kind: 'FEDERATED',
        secrets: [],
        federation: {
          audiences: ['api://evercate-provisioning', 'evercate-provisioning'],
          jwksUri: `https://login.microsoftonline.com/${entraTenant}/discovery/v2.0/keys`,
        },
      },
    ]);
  });

  it('lists clients and secrets without the secrets, adds and revokes secrets, and revokes clients', async () => {
    const tenant = await service.createTenant();
    const created = await json(
      'clients',
      'create',
      '--tenant',
      tenant.tenantId,
      '--name',
      'Entra',
      '--secret-lifetime-days',
      '730',
    );
    const added = await json('clients', 'secrets', 'add', '--client', created.clientId);
    expect(added).toMatchObject({ clientId: created.clientId, clientSecret: expect.stringMatching(/^ocs_/) });
    expect((await clientCredentials(created.clientId, added.clientSecret)).status).toBe(200);

    const list = await json('clients', 'list', '--tenant', tenant.tenantId);
    expect(list.clients[0].secrets).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain(created.clientSecret);
    expect(JSON.stringify(list)).not.toContain(added.clientSecret);
    const first = list.clients[0].secrets.find((secret: { id: string }) => secret.id !== added.secretId);
    expect(Date.parse(first.expiresAt) - Date.parse(first.createdAt)).toBe(730 * 86_400_000);

    const revokedSecret = await json(
      'clients',
      'secrets',
      'revoke',
      '--client',
      created.clientId,
      '--secret',
      first.id,
    );
    expect(revokedSecret).toMatchObject({ secretId: first.id, revokedAt: expect.any(String) });
    expect((await clientCredentials(created.clientId, created.clientSecret)).status).toBe(401);
    expect((await clientCredentials(created.clientId, added.clientSecret)).status).toBe(200);

    const revoked = await json('clients', 'revoke', '--client', created.clientId);
    expect(revoked).toEqual({ clientId: created.clientId, revokedAt: expect.any(String) });
    expect((await clientCredentials(created.clientId, added.clientSecret)).status).toBe(401);
  });

  it('explains mistakes on stderr with exit code 2', async () => {
    const tenant = await service.createTenant();
    const unknown = await cli('clients', 'revoke', '--client', randomUUID());
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({
      code: 2,
      stderr: expect.stringContaining('No OAuth client has the id'),
    });
    const halfFederated = await cli(
      'clients',
      'create',
      '--tenant',
      tenant.tenantId,
      '--name',
      'x',
      '--federated-issuer',
      'https://idp',
    );
    expect(halfFederated.stderr).toContain('--federated-subject');
    const tooShort = await cli(
      'clients',
      'create',
      '--tenant',
      tenant.tenantId,
      '--name',
      'x',
      '--secret-lifetime-days',
      '30',
    );
    expect({ code: tooShort.code, stderr: tooShort.stderr }).toEqual({
      code: 2,
      stderr: expect.stringContaining('365 to 1095'),
    });
  });
});
