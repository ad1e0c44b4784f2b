import request from 'supertest';
import { graphqlClient } from '../../support/graphql';
import { freePort, startTestService, type TestService } from '../../support/harness';
import type { EntraStandIn } from './entra-stand-in';

/** The service configured for the stand-in, at a URL known before it starts (PUBLIC_BASE_URL). */
export async function startServiceFor(standIn: EntraStandIn, overrides: Record<string, string> = {}) {
  const port = await freePort();
  return startTestService({
    ...standIn.environment(`http://127.0.0.1:${port}`),
    PORT: String(port),
    SSO_JWKS_REFRESH_COOLDOWN_SECONDS: '0',
    ...overrides,
  });
}

export const ENTRA_CONNECT_START = `mutation($input: EntraConnectStartInput!) {
  entraConnectStart(input: $input) { signInUrl userErrors { code field message } }
}`;

export const ENTRA_CONNECTION = `{
  entraConnection { entraTenantId connectedAt connectedBy singleSignOnAllowed scimTenantUrl }
}`;

/** An admin clicks Connect: the sign-in URL, and the cookie it set in their browser. */
export async function startConnect(service: TestService, adminToken: string, returnUrl?: string) {
  const result = await graphqlClient(service, adminToken).raw(ENTRA_CONNECT_START, { input: { returnUrl } });
  const payload = result.data!.entraConnectStart;
  if (payload.userErrors.length > 0) throw new Error(JSON.stringify(payload.userErrors));
  const cookies = ([] as string[]).concat(result.response.headers['set-cookie'] ?? []);
  return {
    signInUrl: new URL(payload.signInUrl as string),
    setCookie: cookies,
    cookie: cookies.map((cookie) => cookie.split(';')[0]).join('; '),
  };
}

/** The browser at Microsoft: where Microsoft sends it back (the callback URL with code and state). */
export async function visitMicrosoft(signInUrl: URL | string): Promise<URL> {
  const response = await fetch(signInUrl, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`Microsoft answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!);
}

/** The browser back at the service's callback, with the cookie it holds. */
export function finishAtCallback(service: TestService, callback: URL, cookie: string | undefined) {
  const call = request(service.url).get(`${callback.pathname}${callback.search}`);
  return cookie ? call.set('Cookie', cookie) : call;
}

/** The whole flow as the admin's browser goes through it; the final response of the callback. */
export async function connectThroughMicrosoft(service: TestService, adminToken: string, returnUrl?: string) {
  const started = await startConnect(service, adminToken, returnUrl);
  const callback = await visitMicrosoft(started.signInUrl);
  return finishAtCallback(service, callback, started.cookie);
}

/** What the callback's redirect passes to the page in its fragment. */
export function fragmentOf(location: string): URLSearchParams {
  return new URLSearchParams(new URL(location).hash.slice(1));
}
