import { EntraSignInError, START_AGAIN } from './entra-sign-in-error';

/** Microsoft answers within a second or two; past this the administrator is better told to retry. */
const TOKEN_ENDPOINT_TIMEOUT_MS = 10_000;

export interface CodeRedemption {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
}

/**
 * Redeems an authorization code at Microsoft's token endpoint (a confidential client: with the
 * client secret and the PKCE verifier) and returns the ID token, which the caller must verify.
 */
export async function redeemCode(redemption: CodeRedemption): Promise<string> {
  let response: Response;
  try {
    response = await fetch(redemption.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: redemption.clientId,
        client_secret: redemption.clientSecret,
        code: redemption.code,
        redirect_uri: redemption.redirectUri,
        code_verifier: redemption.codeVerifier,
        scope: 'openid profile',
      }),
      signal: AbortSignal.timeout(TOKEN_ENDPOINT_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    throw new EntraSignInError(
      503,
      'Microsoft could not be reached',
      `Microsoft's sign-in service did not answer, so nothing was changed. Try again in a minute. ${START_AGAIN}`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok && typeof body.id_token === 'string') return body.id_token;
  throw refusal(response.status, body);
}

function refusal(status: number, body: Record<string, unknown>): EntraSignInError {
  const error = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
  const said = typeof body.error_description === 'string' ? ` Microsoft said: ${body.error_description}` : '';
  if (error === 'invalid_grant') {
    return new EntraSignInError(
      400,
      'The sign-in expired',
      `Microsoft no longer accepts this sign-in (it took too long, or was used already), so nothing was changed. ${START_AGAIN}${said}`,
    );
  }
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return new EntraSignInError(
      502,
      "Microsoft refused this service's application",
      `Microsoft did not accept the application's credentials (${error}), so nothing was changed. The operator of this ` +
        'service must check ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET against the app registration (the secret may have expired).' +
        said,
    );
  }
  return new EntraSignInError(
    502,
    'Microsoft did not complete the sign-in',
    `Microsoft answered ${error} when the sign-in was completed, so nothing was changed. ${START_AGAIN}${said}`,
  );
}
