import { randomUUID } from 'node:crypto';
import { graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import {
  ENTERPRISE,
  GROUP_SCHEMA,
  entraUser,
  scimClient,
  scimMemberIds,
  type ScimClient,
} from '../scim/support/scim-client';
import {
  expectListResponse,
  expectNoContent,
  expectScimError,
  MICROSOFT_GROUP_SCHEMA,
  wireFilter,
} from '../scim/support/scim-suite';
import { TestIdentityProvider } from './support/identity-provider';
import {
  assertion,
  assertionForm,
  createFederatedClient,
  createSecretClient,
  newWorkload,
  OAUTH_TEST_SETTINGS,
  tokenRequest,
  type SecretClient,
} from './support/oauth';

/**
 * What an access token from the token endpoint is worth at the SCIM facade: exactly what the
 * tenant's SCIM secret token is (R-03), for as long as it lives and its client and secret are not
 * revoked, with the client as the actor of what it does.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService(OAUTH_TEST_SETTINGS);
});
afterAll(() => service.close());

async function tenantWithClient() {
  const tenant = await service.createTenant();
  const admin = graphqlClient(service, tenant.graphqlToken);
  return { tenant, admin, client: await createSecretClient(admin) };
}

async function accessToken(client: SecretClient, on = service): Promise<string> {
  const response = await tokenRequest(
    on,
    { grant_type: 'client_credentials' },
    {
      basic: [client.clientId, client.clientSecret],
    },
  );
  expect(response.status).toBe(200);
  return response.body.access_token;
}

async function provisioningActors(admin: GraphQLClient): Promise<Array<{ operation: string; actor: string }>> {
  const data = await admin.query('{ provisioningEvents(first: 100) { nodes { operation actor } } }');
  return data.provisioningEvents.nodes;
}

async function changeActors(admin: GraphQLClient): Promise<string[]> {
  const data = await admin.query('{ directoryChanges(first: 100) { nodes { actor } } }');
  return [...new Set<string>(data.directoryChanges.nodes.map((change: { actor: string }) => change.actor))];
}

/** (h)1, (h)2, (h)4, (h)5, (h)7 and (h)6 in a row, as Entra runs a first cycle and the changes after it. */
async function provisioningSequence(scim: ScimClient): Promise<void> {
  expectListResponse(await scim.get(`/Users?filter=${wireFilter(`userName eq "${randomUUID()}"`)}`), {
    totalResults: 0,
  });
  const manager = (await scim.post('/Users', entraUser('boss@acme.com'))).body;
  const created = await scim.post('/Users', entraUser('ann@acme.com', { [ENTERPRISE]: { department: 'Sales' } }));
  expect(created.status).toBe(201);
  const ann = created.body;
  expect(
    (await scim.operations(`/Users/${ann.id}`, [{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: manager.id }]))
      .status,
  ).toBe(200);
  expect((await scim.get(`/Users/${ann.id}`)).body[ENTERPRISE].manager.value).toBe(manager.id);
  expect(
    (await scim.operations(`/Users/${ann.id}`, [{ op: 'Replace', path: 'active', value: 'False' }])).body.active,
  ).toBe(false);

  const group = await scim.post('/Groups', {
    schemas: [GROUP_SCHEMA, MICROSOFT_GROUP_SCHEMA],
    externalId: 'ext-sales',
    displayName: 'Sales team',
    members: [],
  });
  expect(group.status).toBe(201);
  expectNoContent(
    await scim.operations(`/Groups/${group.body.id}`, [
      {
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: ann.id },
          { $ref: null, value: manager.id },
        ],
      },
    ]),
  );
  expect(await scimMemberIds(scim, group.body.id)).toEqual([ann.id, manager.id].sort());
  expectNoContent(await scim.delete(`/Users/${ann.id}`));
  expect((await scim.get(`/Users/${ann.id}`)).status).toBe(404);
}

describe('access tokens at the SCIM facade', () => {
  it('(h) carry a full provisioning sequence, with the client as the actor in the provisioning log and the change feed', async () => {
    const { admin, client } = await tenantWithClient();
    await provisioningSequence(scimClient(service, await accessToken(client)));

    const entries = await provisioningActors(admin);
    expect(entries.length).toBeGreaterThanOrEqual(7);
    expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set([`oauth:${client.clientId}`]));
    expect(await changeActors(admin)).toEqual([`oauth:${client.clientId}`]);
  });

  it('(h) carry a full provisioning sequence on a token from workload identity federation', async () => {
    const provider = await TestIdentityProvider.start();
    try {
      const tenant = await service.createTenant();
      const admin = graphqlClient(service, tenant.graphqlToken);
      const workload = newWorkload();
      const clientId = await createFederatedClient(admin, provider, workload);
      const response = await tokenRequest(service, assertionForm(clientId, await assertion(provider, workload)));
      await provisioningSequence(scimClient(service, response.body.access_token));
      expect(new Set((await provisioningActors(admin)).map((entry) => entry.actor))).toEqual(
        new Set([`oauth:${clientId}`]),
      );
    } finally {
      await provider.close();
    }
  });

  it('leave the SCIM secret token as it was: its requests are logged with the token as actor', async () => {
    const { tenant, admin } = await tenantWithClient();
    await scimClient(service, tenant.scimToken).post('/Users', entraUser('sam@acme.com'));
    const tokens = await admin.query('{ apiTokens { nodes { id kind } } }');
    const scimTokenId = tokens.apiTokens.nodes.find((token: { kind: string }) => token.kind === 'SCIM').id;
    expect(await provisioningActors(admin)).toEqual([{ operation: 'Create User', actor: `scim:${scimTokenId}` }]);
  });

  it('reach only their own tenant, like the secret token', async () => {
    const a = await tenantWithClient();
    const b = await tenantWithClient();
    const inA = scimClient(service, await accessToken(a.client));
    const inB = scimClient(service, await accessToken(b.client));
    const bob = (await inB.post('/Users', entraUser('bob@shared.com'))).body;
    await inA.post('/Users', entraUser('ann@shared.com'));

    expectListResponse(await inA.get('/Users'), { totalResults: 1 });
    expectScimError(await inA.get(`/Users/${bob.id}`), 404);
    expectScimError(await inA.operations(`/Users/${bob.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]), 404);
    expect((await inB.get(`/Users/${bob.id}`)).body.active).toBe(true);
  });

  it('are for SCIM only: /graphql refuses them', async () => {
    const { client } = await tenantWithClient();
    const result = await graphqlClient(service, await accessToken(client)).raw('{ users { totalCount } }');
    expect(result.status).toBe(401);
  });

  it('answer 401 with a SCIM error saying what happened once expired', async () => {
    const { client } = await tenantWithClient();
    const token = await accessToken(client);
    await service.database.execute({
      text: `update oauth_access_tokens set expires_at = now() - interval '1 minute' where client_id = ?::uuid`,
      params: [client.clientId],
    });
    const response = await scimClient(service, token).get('/Users');
    expectScimError(response, 401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.detail).toMatch(
      /^The access token expired at \d{4}-.*request a new one at the token endpoint/,
    );

    const unknown = await scimClient(service, `oat_${'x'.repeat(43)}`).get('/Users');
    expectScimError(unknown, 401);
    expect(unknown.body.detail).toContain('not valid');
  });

  it('end at once on every instance when their client or secret is revoked', async () => {
    const other = await startTestService(OAUTH_TEST_SETTINGS);
    try {
      const { admin, client } = await tenantWithClient();
      const secretToken = await accessToken(client, other);
      const clientToken = await accessToken(client, other);
      expect((await scimClient(other, secretToken).get('/Users')).status).toBe(200);

      // The revocations go through this instance; the tokens are used on the other one.
      const second = await admin.query(
        `mutation($id: ID!) { oauthClientSecretAdd(input: { clientId: $id }) { clientSecret } }`,
        { id: client.clientId },
      );
      const tokenOfSecondSecret = await accessToken(
        { ...client, clientSecret: second.oauthClientSecretAdd.clientSecret },
        other,
      );
      await admin.query(
        `mutation($input: OAuthClientSecretRevokeInput!) { oauthClientSecretRevoke(input: $input) { userErrors { code } } }`,
        { input: { clientId: client.clientId, secretId: client.secretId } },
      );
      expectScimError(await scimClient(other, secretToken).get('/Users'), 401);
      expectScimError(await scimClient(other, clientToken).get('/Users'), 401);
      expect((await scimClient(other, tokenOfSecondSecret).get('/Users')).status).toBe(200);

      await admin.query(`mutation($id: ID!) { oauthClientRevoke(input: { id: $id }) { userErrors { code } } }`, {
        id: client.clientId,
      });
      const refused = await scimClient(other, tokenOfSecondSecret).get('/Users');
      expectScimError(refused, 401);
      expect(refused.body.detail).toContain('was revoked');
    } finally {
      await other.close();
    }
  });

  it('cost a SCIM request no more statements than the secret token does', async () => {
    const { tenant, client } = await tenantWithClient();
    const statementsOf = async (token: string) => {
      const scim = scimClient(service, token);
      await scim.get('/Users'); // warm up
      const before = service.database.statementCount;
      expectListResponse(await scim.get(`/Users?filter=${wireFilter('userName eq "nobody@acme.com"')}`));
      return service.database.statementCount - before;
    };
    expect(await statementsOf(await accessToken(client))).toBe(await statementsOf(tenant.scimToken));
  });
});
