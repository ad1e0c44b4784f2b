import { createHash } from 'node:crypto';
import { createUser, graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import {
  connectThroughMicrosoft,
  ENTRA_CONNECT_START,
  ENTRA_CONNECTION,
  finishAtCallback,
  fragmentOf,
  startConnect,
  startServiceFor,
  visitMicrosoft,
} from './support/entra-connect';
import { EntraStandIn, entraUser } from './support/entra-stand-in';
import { TestIdentityProvider } from './support/identity-provider';

let standIn: EntraStandIn;
let service: TestService;
beforeAll(async () => {
  standIn = await EntraStandIn.start();
  service = await startServiceFor(standIn);
});
afterAll(async () => {
  await service.close();
  await standIn.close();
});
beforeEach(() => {
  standIn.signIn = { user: entraUser(), answer: 'accept' };
  standIn.idToken = {};
});

const SSO_SETTINGS = '{ ssoSettings { issuer audience jwksUri userMatching signInAllowed adminRole } }';
const SSO_SETTINGS_UPDATE = `mutation($input: SsoSettingsUpdateInput!) {
  ssoSettingsUpdate(input: $input) { ssoSettings { signInAllowed adminRole } userErrors { code message } }
}`;
const UPDATE = `mutation($input: EntraConnectionUpdateInput!) {
  entraConnectionUpdate(input: $input) { entraConnection { singleSignOnAllowed } userErrors { code message } }
}`;

async function adminOf() {
  const tenant = await service.createTenant();
  return { tenant, admin: graphqlClient(service, tenant.graphqlToken) };
}

/** Nothing of a connection exists: no connection, no single sign-on, only the two tokens the tenant began with. */
async function expectNothingRecorded(adminToken: string) {
  const admin = graphqlClient(service, adminToken);
  expect(await admin.query(ENTRA_CONNECTION)).toEqual({ entraConnection: null });
  expect(await admin.query(SSO_SETTINGS)).toEqual({ ssoSettings: null });
  expect(await admin.query('{ apiTokens { totalCount } }')).toEqual({ apiTokens: { totalCount: 2 } });
}

describe('Connect Microsoft Entra ID: starting', () => {
  it('sends the admin to the organizations authorize endpoint: code flow with PKCE, consent, state and nonce', async () => {
    const { tenant } = await adminOf();
    const { signInUrl, setCookie } = await startConnect(service, tenant.graphqlToken);

    expect(`${signInUrl.origin}${signInUrl.pathname}`).toBe(`${standIn.authority}/organizations/oauth2/v2.0/authorize`);
    const params = Object.fromEntries(signInUrl.searchParams);
    expect(params).toEqual({
      client_id: standIn.clientId,
      redirect_uri: `${service.url}/connect/entra/callback`,
      response_type: 'code',
      scope: 'openid profile',
      prompt: 'consent',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    // The browser that started it, and only it, can finish it.
    expect(setCookie).toEqual([
      expect.stringMatching(
        /^evercate_entra_binding=[A-Za-z0-9_-]{43}; path=\/connect\/entra; expires=.*; samesite=lax; httponly$/,
      ),
    ]);
  });

  it('keeps the state in PostgreSQL, bound to the tenant, and unlike any other', async () => {
    const { tenant } = await adminOf();
    const first = await startConnect(service, tenant.graphqlToken);
    const second = await startConnect(service, tenant.graphqlToken);
    expect(first.signInUrl.searchParams.get('state')).not.toBe(second.signInUrl.searchParams.get('state'));
    const rows = await service.database.execute<{ tenant_id: string; minutes: number }>({
      text: `select tenant_id, round(extract(epoch from expires_at - created_at) / 60)::int as minutes
               from entra_connect_requests where state_hash = ?`,
      params: [createHash('sha256').update(first.signInUrl.searchParams.get('state')!).digest()],
    });
    expect(rows).toEqual([{ tenant_id: tenant.tenantId, minutes: 10 }]);
  });

  it('refuses a return URL on another origin', async () => {
    const { admin } = await adminOf();
    for (const returnUrl of [
      'https://evil.example/admin',
      '//evil.example/x',
      '/\\evil.example',
      `${service.url}//evil.example`,
    ]) {
      const data = await admin.query(ENTRA_CONNECT_START, { input: { returnUrl } });
      expect(data.entraConnectStart).toEqual({
        signInUrl: null,
        userErrors: [
          { code: 'INVALID_INPUT', field: ['input', 'returnUrl'], message: expect.stringContaining('this service') },
        ],
      });
    }
  });

  it('needs the admin scope', async () => {
    const tenant = await service.createTenant();
    const admin = graphqlClient(service, tenant.graphqlToken);
    const created = await admin.query(
      'mutation { apiTokenCreate(input: { kind: GRAPHQL, name: "reader", scopes: [WRITE] }) { secret } }',
    );
    const writer = graphqlClient(service, created.apiTokenCreate.secret);
    const result = await writer.raw(ENTRA_CONNECT_START, { input: {} });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Connect Microsoft Entra ID: the callback', () => {
  it('connects end to end: the verified tenant, single sign-on off, a SCIM token shown once, back to returnUrl', async () => {
    const { tenant, admin } = await adminOf();
    const user = standIn.signIn.user;
    const response = await connectThroughMicrosoft(service, tenant.graphqlToken, '/admin?tab=entra');

    expect(response.status).toBe(303);
    const location = response.headers.location!;
    expect(location.startsWith(`${service.url}/admin?tab=entra#`)).toBe(true);
    const fragment = fragmentOf(location);
    expect(fragment.get('connected')).toBe('1');
    const scimToken = fragment.get('scimToken')!;
    expect(scimToken).toMatch(/^scim_/);
    expect(response.headers['cache-control']).toBe('no-store');

    // The code was redeemed as a confidential client with the PKCE verifier of the challenge.
    const redemption = standIn.tokenRequests.at(-1)!;
    expect(redemption.get('client_secret')).toBe(standIn.clientSecret);
    expect(redemption.get('redirect_uri')).toBe(`${service.url}/connect/entra/callback`);
    const challenge = standIn.authorizeRequests.at(-1)!.get('code_challenge');
    expect(createHash('sha256').update(redemption.get('code_verifier')!).digest('base64url')).toBe(challenge);

    expect(await admin.query(ENTRA_CONNECTION)).toEqual({
      entraConnection: {
        entraTenantId: user.tid,
        connectedAt: expect.any(String),
        connectedBy: 'Ada Admin (ada@contoso.example)',
        singleSignOnAllowed: false,
        scimTenantUrl: `${service.url}/scim`,
      },
    });
    expect(await admin.query(SSO_SETTINGS)).toEqual({
      ssoSettings: {
        issuer: standIn.issuer(user.tid),
        audience: standIn.clientId,
        jwksUri: `${standIn.authority}/${user.tid}/discovery/v2.0/keys`,
        userMatching: 'PREFERRED_USERNAME_TO_USER_NAME',
        signInAllowed: false,
        adminRole: 'Evercate.Admin',
      },
    });
    // The token is what Entra's Secret Token field needs.
    const scim = await service.http.get('/scim/Users').set('Authorization', `Bearer ${scimToken}`);
    expect(scim.status).toBe(200);
  });

  it('keeps single sign-on off until an admin allows it; the Evercate.Admin app role gives the admin scope', async () => {
    const { tenant, admin } = await adminOf();
    const user = standIn.signIn.user;
    await connectThroughMicrosoft(service, tenant.graphqlToken);
    await createUser(admin, { userName: 'ada@contoso.example', displayName: 'Ada' });
    const signedIn = graphqlClient(service, await standIn.tokenFor(user));

    const off = await signedIn.raw('{ me { userName } }');
    expect(off.status).toBe(401);
    expect(off.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SINGLE_SIGN_ON_OFF' });
    expect(off.errors?.[0]?.message).toMatch(/admin page/);

    expect((await admin.query(UPDATE, { input: { singleSignOnAllowed: true } })).entraConnectionUpdate).toEqual({
      entraConnection: { singleSignOnAllowed: true },
      userErrors: [],
    });
    expect(await signedIn.query('{ me { userName } }')).toEqual({ me: { userName: 'ada@contoso.example' } });
    expect((await signedIn.raw(ENTRA_CONNECTION)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const administrator = graphqlClient(service, await standIn.tokenFor(user, { roles: ['Evercate.Admin'] }));
    expect((await administrator.query(ENTRA_CONNECTION)).entraConnection.entraTenantId).toBe(user.tid);
    const otherRole = graphqlClient(service, await standIn.tokenFor(user, { roles: ['Evercate.Reader'] }));
    expect((await otherRole.raw(ENTRA_CONNECTION)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await admin.query(UPDATE, { input: { singleSignOnAllowed: false } });
    expect((await signedIn.raw('{ me { userName } }')).errors?.[0]?.extensions?.reason).toBe('SINGLE_SIGN_ON_OFF');
  });

  it('refuses a replayed state with a page that says so, and changes nothing the second time', async () => {
    const { tenant, admin } = await adminOf();
    const started = await startConnect(service, tenant.graphqlToken);
    const callback = await visitMicrosoft(started.signInUrl);
    expect((await finishAtCallback(service, callback, started.cookie)).status).toBe(303);
    const before = await admin.query(ENTRA_CONNECTION);

    const replay = await finishAtCallback(service, callback, started.cookie);
    expect(replay.status).toBe(400);
    expect(replay.headers['content-type']).toMatch(/text\/html/);
    expect(replay.text).toContain('This sign-in is over');
    expect(replay.text).toContain('Start again from the admin page');
    expect(await admin.query(ENTRA_CONNECTION)).toEqual(before);
  });

  it('refuses a forged state and a callback without one', async () => {
    const { tenant } = await adminOf();
    const started = await startConnect(service, tenant.graphqlToken);
    const callback = await visitMicrosoft(started.signInUrl);
    callback.searchParams.set('state', 'forged-state-value');
    const forged = await finishAtCallback(service, callback, started.cookie);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('was not started by this service');

    const bare = await service.http.get('/connect/entra/callback');
    expect(bare.status).toBe(400);
    expect(bare.text).toContain('does nothing on its own');
    await expectNothingRecorded(tenant.graphqlToken);
  });

  it('refuses to finish in another browser than the one that started (no or another binding cookie)', async () => {
    const { tenant } = await adminOf();
    for (const cookie of [undefined, 'evercate_entra_binding=somebody-elses']) {
      const started = await startConnect(service, tenant.graphqlToken);
      const response = await finishAtCallback(service, await visitMicrosoft(started.signInUrl), cookie);
      expect(response.status).toBe(400);
      expect(response.text).toContain('started in another browser');
    }
    await expectNothingRecorded(tenant.graphqlToken);
  });

  it('refuses a sign-in that took longer than its 10 minutes', async () => {
    const { tenant } = await adminOf();
    const started = await startConnect(service, tenant.graphqlToken);
    const callback = await visitMicrosoft(started.signInUrl);
    await service.database.execute({
      text: `update entra_connect_requests set expires_at = now() - interval '1 second' where tenant_id = ?`,
      params: [tenant.tenantId],
    });
    const response = await finishAtCallback(service, callback, started.cookie);
    expect(response.status).toBe(400);
    expect(response.text).toContain('within 10 minutes');
    await expectNothingRecorded(tenant.graphqlToken);
  });

  it('says what to do when consent is declined (error=access_denied), and records nothing', async () => {
    const { tenant } = await adminOf();
    standIn.signIn.answer = 'deny';
    const redemptions = standIn.tokenRequests.length;
    const response = await connectThroughMicrosoft(service, tenant.graphqlToken);
    expect(response.status).toBe(403);
    expect(response.text).toContain('Consent was not given');
    expect(response.text).toContain('Consent on behalf of your organization');
    expect(response.text).toContain('AADSTS65004');
    expect(standIn.tokenRequests.length).toBe(redemptions);
    await expectNothingRecorded(tenant.graphqlToken);
  });

  it('refuses an ID token for another client, from another tenant, with another nonce or an unpublished key', async () => {
    const { tenant } = await adminOf();
    const user = standIn.signIn.user;
    const cases: Array<[EntraStandIn['idToken'], string]> = [
      [{ claims: { aud: 'some-other-application' } }, 'for another application'],
      [{ claims: { iss: standIn.issuer(entraUser().tid) } }, 'not issued by its own tenant'],
      [{ claims: { nonce: 'another-sign-in' } }, 'another sign-in (nonce)'],
      [{ claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }, 'expired'],
      [{ signWith: await TestIdentityProvider.foreignKey() }, 'signature is not valid'],
      [{ claims: { tid: '../../evil' } }, 'names no Entra tenant'],
    ];
    for (const [idToken, message] of cases) {
      standIn.signIn = { user, answer: 'accept' };
      standIn.idToken = idToken;
      const response = await connectThroughMicrosoft(service, tenant.graphqlToken);
      expect({ status: response.status, says: response.text.includes(message) ? message : response.text }).toEqual({
        status: 400,
        says: message,
      });
    }
    await expectNothingRecorded(tenant.graphqlToken);
  });

  it('refuses an Entra tenant already connected to another Evercate tenant, and records nothing', async () => {
    const first = await adminOf();
    const second = await adminOf();
    const user = standIn.signIn.user;
    await connectThroughMicrosoft(service, first.tenant.graphqlToken);

    standIn.signIn = { user: { ...user, oid: entraUser().oid }, answer: 'accept' };
    const response = await connectThroughMicrosoft(service, second.tenant.graphqlToken);
    expect(response.status).toBe(409);
    expect(response.text).toContain('already connected to another Evercate tenant');
    expect(response.text).toContain('Disconnect it there first');
    await expectNothingRecorded(second.tenant.graphqlToken);
    expect((await first.admin.query(ENTRA_CONNECTION)).entraConnection.entraTenantId).toBe(user.tid);
  });

  it('connects the same Entra tenant again keeping single sign-on, and refuses another one while connected', async () => {
    const { tenant, admin } = await adminOf();
    const user = standIn.signIn.user;
    const first = await connectThroughMicrosoft(service, tenant.graphqlToken);
    const scimToken = fragmentOf(first.headers.location!).get('scimToken')!;
    await service.http.get('/scim/Users').set('Authorization', `Bearer ${scimToken}`);
    await admin.query(UPDATE, { input: { singleSignOnAllowed: true } });

    // Entra provisions with the token already: connecting again (to consent again) issues none.
    const again = await connectThroughMicrosoft(service, tenant.graphqlToken);
    expect(again.status).toBe(303);
    expect(fragmentOf(again.headers.location!).get('scimToken')).toBeNull();
    expect((await admin.query(ENTRA_CONNECTION)).entraConnection.singleSignOnAllowed).toBe(true);

    standIn.signIn = { user: entraUser(), answer: 'accept' };
    const other = await connectThroughMicrosoft(service, tenant.graphqlToken);
    expect(other.status).toBe(409);
    expect(other.text).toContain(`connected to another Microsoft Entra tenant (${user.tid})`);
    expect((await admin.query(ENTRA_CONNECTION)).entraConnection.entraTenantId).toBe(user.tid);
  });
});

describe('Connect Microsoft Entra ID: afterwards', () => {
  it('disconnects: the connection and its single sign-on go, the SCIM token keeps working', async () => {
    const { tenant, admin } = await adminOf();
    const response = await connectThroughMicrosoft(service, tenant.graphqlToken);
    const scimToken = fragmentOf(response.headers.location!).get('scimToken')!;
    const data = await admin.query(
      'mutation { entraDisconnect { entraConnection { entraTenantId } userErrors { code message } } }',
    );
    expect(data.entraDisconnect).toEqual({
      entraConnection: { entraTenantId: standIn.signIn.user.tid },
      userErrors: [],
    });
    expect(await admin.query(ENTRA_CONNECTION)).toEqual({ entraConnection: null });
    expect(await admin.query(SSO_SETTINGS)).toEqual({ ssoSettings: null });
    expect((await service.http.get('/scim/Users').set('Authorization', `Bearer ${scimToken}`)).status).toBe(200);

    const again = await admin.query('mutation { entraDisconnect { userErrors { code message } } }');
    expect(again.entraDisconnect.userErrors).toEqual([
      { code: 'NOT_FOUND', message: expect.stringContaining('not connected') },
    ]);
  });

  it('leaves settings saved with ssoSettingsUpdate as they always were: on, signed-in users read', async () => {
    const { tenant, admin } = await adminOf();
    const user = standIn.signIn.user;
    await connectThroughMicrosoft(service, tenant.graphqlToken);
    const saved = await admin.query(SSO_SETTINGS_UPDATE, {
      input: {
        issuer: standIn.issuer(user.tid),
        audience: standIn.clientId,
        jwksUri: `${standIn.authority}/${user.tid}/discovery/v2.0/keys`,
        userMatching: 'PREFERRED_USERNAME_TO_USER_NAME',
      },
    });
    expect(saved.ssoSettingsUpdate.ssoSettings).toMatchObject({ signInAllowed: true, adminRole: null });
    expect((await admin.query(ENTRA_CONNECTION)).entraConnection.singleSignOnAllowed).toBe(true);
    await createUser(admin, { userName: 'ada@contoso.example' });
    const administrator = graphqlClient(service, await standIn.tokenFor(user, { roles: ['Evercate.Admin'] }));
    expect((await administrator.raw(ENTRA_CONNECTION)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await admin.query('mutation { ssoSettingsRemove { userErrors { code } } }');
    const allow = await admin.query(UPDATE, { input: { singleSignOnAllowed: true } });
    expect(allow.entraConnectionUpdate.userErrors).toEqual([
      { code: 'NOT_FOUND', message: expect.stringContaining('Connect Microsoft Entra ID again') },
    ]);
  });

  it('rotates the SCIM token: the new secret works at once, every older SCIM token is refused', async () => {
    const { tenant, admin } = await adminOf();
    const response = await connectThroughMicrosoft(service, tenant.graphqlToken);
    const connected = fragmentOf(response.headers.location!).get('scimToken')!;
    const data = await admin.query(
      'mutation { scimTokenRotate { secret apiToken { kind name } revokedTokens { name } userErrors { code } } }',
    );
    const rotated = data.scimTokenRotate;
    expect(rotated.apiToken).toEqual({ kind: 'SCIM', name: 'Microsoft Entra provisioning' });
    expect(rotated.revokedTokens.map((token: { name: string }) => token.name).sort()).toEqual([
      'Microsoft Entra provisioning',
      'Microsoft Entra provisioning',
    ]);
    const status = async (token: string) =>
      (await service.http.get('/scim/Users').set('Authorization', `Bearer ${token}`)).status;
    expect(await status(rotated.secret)).toBe(200);
    expect(await status(connected)).toBe(401);
    expect(await status(tenant.scimToken)).toBe(401);
  });

  it('signs an administrator in to the admin page with Microsoft, as an admin by the Evercate.Admin role', async () => {
    const { tenant, admin } = await adminOf();
    const user = { ...standIn.signIn.user, roles: ['Evercate.Admin'] };
    standIn.signIn = { user, answer: 'accept' };
    await connectThroughMicrosoft(service, tenant.graphqlToken);
    await admin.query(UPDATE, { input: { singleSignOnAllowed: true } });
    await createUser(admin, { userName: 'ada@contoso.example' });

    const start = await service.http.get('/connect/entra/sign-in').query({ returnUrl: '/admin' });
    expect(start.status).toBe(303);
    const signInUrl = new URL(start.headers.location!);
    expect(signInUrl.searchParams.get('prompt')).toBe('select_account');
    const cookie = ([] as string[])
      .concat(start.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const back = await finishAtCallback(service, await visitMicrosoft(signInUrl), cookie);
    expect(back.status).toBe(303);
    expect(back.headers.location!.startsWith(`${service.url}/admin#`)).toBe(true);

    const idToken = fragmentOf(back.headers.location!).get('idToken')!;
    const signedIn = graphqlClient(service, idToken);
    expect(await signedIn.query(`{ me { userName } ${ENTRA_CONNECTION.slice(1, -1)} }`)).toEqual({
      me: { userName: 'ada@contoso.example' },
      entraConnection: expect.objectContaining({ entraTenantId: user.tid }),
    });
  });
});

describe('Connect Microsoft Entra ID: not set up', () => {
  let plain: TestService;
  beforeAll(async () => {
    plain = await startTestService();
  });
  afterAll(() => plain.close());

  it('answers NOT_CONFIGURED, and its pages say what the operator sets', async () => {
    const tenant = await plain.createTenant();
    const data = await graphqlClient(plain, tenant.graphqlToken).query(ENTRA_CONNECT_START, { input: {} });
    expect(data.entraConnectStart).toEqual({
      signInUrl: null,
      userErrors: [{ code: 'NOT_CONFIGURED', field: [], message: expect.stringContaining('ENTRA_CLIENT_ID') }],
    });
    for (const path of ['/connect/entra/callback?state=x&code=y', '/connect/entra/sign-in']) {
      const page = await plain.http.get(path);
      expect(page.status).toBe(404);
      expect(page.text).toContain('ENTRA_CLIENT_SECRET');
    }
  });
});
