import { errorDescription, OAuthError } from '../../../src/api/auth/oauth/oauth-error';
import { parseTokenRequest } from '../../../src/api/auth/oauth/token-request';

const form = (text: string) => new URLSearchParams(text);
const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

function refusal(run: () => unknown): { code: string; challenge: boolean } {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return { code: error.code, challenge: error.challenge };
    throw error;
  }
  throw new Error('expected an OAuthError');
}

describe('reading a token request', () => {
  it('form-decodes the client id and secret of Basic (RFC 6749 §2.3.1), splitting at the first colon', () => {
    const request = parseTokenRequest(form('grant_type=client_credentials'), basic('my+client:p%3Aq:r%2Bs'));
    expect(request.credential).toEqual({ method: 'client_secret_basic', clientId: 'my client', secret: 'p:q:r+s' });
    expect(request.usedAuthorizationHeader).toBe(true);
  });

  it('treats empty parameters as absent and ignores unknown ones (RFC 6749 §3.1)', () => {
    const request = parseTokenRequest(
      form('grant_type=client_credentials&client_id=c&client_secret=s&client_assertion=&resource=x&resource=y'),
      undefined,
    );
    expect(request.credential).toEqual({ method: 'client_secret_post', clientId: 'c', secret: 's' });
    expect(request.usedAuthorizationHeader).toBe(false);
  });

  it('reads a client assertion (RFC 7523 §2.2) and an assertion grant (§2.1)', () => {
    const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    expect(
      parseTokenRequest(
        form(`grant_type=client_credentials&client_id=c&client_assertion_type=${assertionType}&client_assertion=a.b.c`),
        undefined,
      ),
    ).toEqual({
      grant: { type: 'client_credentials' },
      credential: { method: 'private_key_jwt', clientId: 'c', assertion: 'a.b.c' },
      usedAuthorizationHeader: false,
    });
    expect(
      parseTokenRequest(
        form('grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&client_id=c&assertion=a.b.c'),
        undefined,
      ).grant,
    ).toEqual({ type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c' });
  });

  it.each([
    [
      'a client id too long',
      'grant_type=client_credentials&client_id=' + 'x'.repeat(256) + '&client_secret=s',
      undefined,
      'invalid_request',
    ],
    ['a repeated scope', 'grant_type=client_credentials&scope=scim&scope=scim', undefined, 'invalid_request'],
    ['Basic without a colon', 'grant_type=client_credentials', basic('only-an-id'), 'invalid_client'],
    ['Basic without a client id', 'grant_type=client_credentials', basic(':secret'), 'invalid_client'],
    ['Basic with a broken encoding', 'grant_type=client_credentials', basic('id:%zz'), 'invalid_client'],
    ['the implicit grant', 'grant_type=implicit', undefined, 'unsupported_grant_type'],
    ['an unknown scope', 'grant_type=client_credentials&scope=scim+openid', basic('a:b'), 'invalid_scope'],
  ])('refuses %s with the right code', (_case, text, authorization, code) => {
    expect(refusal(() => parseTokenRequest(form(text), authorization)).code).toBe(code);
  });

  it('challenges only a client that used the Authorization header', () => {
    expect(refusal(() => parseTokenRequest(form('grant_type=client_credentials'), 'Digest x'))).toEqual({
      code: 'invalid_client',
      challenge: true,
    });
    expect(refusal(() => parseTokenRequest(form('grant_type=client_credentials'), undefined))).toEqual({
      code: 'invalid_client',
      challenge: false,
    });
  });
});

describe('error_description', () => {
  it('keeps to the characters RFC 6749 §5.2 allows', () => {
    expect(errorDescription('The “client” said "hi" \\ and … café')).toBe("The 'client' said 'hi'   and ... caf ");
  });
});
