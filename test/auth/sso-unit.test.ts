import { SsoRefusedError } from '../../src/api/auth/sso/sso-errors';
import { validateSsoSettings } from '../../src/domain/accounts/sso/sso-settings.validation';
import { looksLikeJwt, readUnverifiedClaims } from '../../src/api/auth/sso/sso-token';
import { matchingClaimValue } from '../../src/api/auth/sso/user-matching';
import { InvalidInputError } from '../../src/platform/errors';

const unsigned = (payload: object) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJl`;

describe('telling a signed-in user token from an API token', () => {
  it.each([
    ['gql_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfG', false],
    ['scim_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf', false],
    ['Bearer', false],
    ['eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', false],
    [unsigned({ iss: 'https://idp.example' }), true],
  ])('%s → %s', (bearer, isJwt) => expect(looksLikeJwt(bearer)).toBe(isJwt));
});

describe('readUnverifiedClaims', () => {
  it('reads the issuer and one or several audiences', () => {
    expect(readUnverifiedClaims(unsigned({ iss: 'https://idp.example', aud: 'a' }))).toEqual({
      issuer: 'https://idp.example',
      audiences: ['a'],
    });
    expect(readUnverifiedClaims(unsigned({ iss: 'https://idp.example', aud: ['a', 7, 'b'] })).audiences).toEqual([
      'a',
      'b',
    ]);
  });

  it('refuses a token without an issuer, or that is no JWT, as INVALID_TOKEN', () => {
    for (const token of [unsigned({ aud: 'a' }), 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln']) {
      expect(() => readUnverifiedClaims(token)).toThrow(SsoRefusedError);
      try {
        readUnverifiedClaims(token);
      } catch (error) {
        expect((error as SsoRefusedError).reason).toBe('INVALID_TOKEN');
      }
    }
  });
});

describe('matchingClaimValue', () => {
  it('takes preferred_username, else upn, else email', () => {
    const rule = 'preferred_username_to_user_name';
    expect(matchingClaimValue(rule, { preferred_username: 'a@x', upn: 'b@x', email: 'c@x' })).toBe('a@x');
    expect(matchingClaimValue(rule, { upn: 'b@x', email: 'c@x' })).toBe('b@x');
    expect(matchingClaimValue(rule, { preferred_username: '', email: 'c@x' })).toBe('c@x');
    expect(() => matchingClaimValue(rule, { sub: 'x' })).toThrow(/preferred_username, upn or email/);
  });

  it('takes oid, and only oid, for the externalId rule', () => {
    expect(matchingClaimValue('oid_to_external_id', { oid: 'abc', preferred_username: 'a@x' })).toBe('abc');
    expect(() => matchingClaimValue('oid_to_external_id', { preferred_username: 'a@x' })).toThrow(/oid/);
  });
});

describe('validateSsoSettings', () => {
  const valid = {
    issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
    audience: 'api://evercate',
    jwksUri: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys',
    userMatching: 'oid_to_external_id' as const,
  };

  it('keeps values as given, without surrounding whitespace', () => {
    expect(validateSsoSettings({ ...valid, issuer: ` ${valid.issuer}\n`, audience: ' api://evercate ' })).toEqual(
      valid,
    );
  });

  it.each(['http://localhost:8080/jwks', 'http://127.0.0.1/jwks', 'http://[::1]:9000/jwks'])(
    'accepts http on the loopback interface: %s',
    (jwksUri) => expect(validateSsoSettings({ ...valid, jwksUri }).jwksUri).toBe(jwksUri),
  );

  it.each([
    ['plain http to another host', 'jwksUri', 'http://10.0.0.5/jwks'],
    ['plain http to a name that only starts like localhost', 'jwksUri', 'http://localhost.example.com/jwks'],
    ['a file URL', 'jwksUri', 'file:///etc/passwd'],
    ['a URL without scheme', 'issuer', 'login.microsoftonline.com/tenant/v2.0'],
    ['a URL over 2000 characters', 'issuer', `https://idp.example/${'x'.repeat(2000)}`],
    ['an empty audience', 'audience', ''],
  ])('refuses %s', (_case, field, value) => {
    expect(() => validateSsoSettings({ ...valid, [field]: value })).toThrow(InvalidInputError);
    try {
      validateSsoSettings({ ...valid, [field]: value });
    } catch (error) {
      expect((error as InvalidInputError).field).toEqual([field]);
    }
  });
});
