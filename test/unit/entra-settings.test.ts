import { returnPathOf } from '../../src/api/auth/entra/return-path';
import { ConfigError, loadConfig } from '../../src/platform/config';
import { InvalidInputError } from '../../src/platform/errors';

describe('Entra configuration', () => {
  const entra = { ENTRA_CLIENT_ID: 'client', ENTRA_CLIENT_SECRET: 'secret', PUBLIC_BASE_URL: 'https://dir.example/' };

  it('is off without a client id, and derives the redirect URI from PUBLIC_BASE_URL', () => {
    expect(loadConfig({}).entra).toBeUndefined();
    expect(loadConfig(entra).entra).toEqual({
      clientId: 'client',
      clientSecret: 'secret',
      authority: 'https://login.microsoftonline.com',
      redirectUri: 'https://dir.example/connect/entra/callback',
      publicBaseUrl: 'https://dir.example',
    });
  });

  it('names what is missing, and refuses a plain-http authority other than this machine', () => {
    expect(() => loadConfig({ ENTRA_CLIENT_ID: 'client' })).toThrow(
      new ConfigError(
        'Invalid configuration:\n  Connecting Microsoft Entra ID also needs ENTRA_CLIENT_SECRET and PUBLIC_BASE_URL.',
      ),
    );
    expect(() => loadConfig({ ...entra, ENTRA_AUTHORITY: 'http://login.example' })).toThrow(/ENTRA_AUTHORITY/);
    expect(loadConfig({ ...entra, ENTRA_AUTHORITY: 'http://127.0.0.1:9999/' }).entra?.authority).toBe(
      'http://127.0.0.1:9999',
    );
  });
});

describe('the return URL after connecting', () => {
  const base = 'https://dir.example';

  it('is the admin page by default, and any path or URL of this service', () => {
    expect(returnPathOf(undefined, base)).toBe('/admin');
    expect(returnPathOf('', base)).toBe('/admin');
    expect(returnPathOf('/settings/advanced?tab=entra#x', base)).toBe('/settings/advanced?tab=entra');
    expect(returnPathOf('https://dir.example/admin', base)).toBe('/admin');
  });

  it('refuses every other origin, however it is spelled (no open redirect)', () => {
    for (const url of [
      'https://evil.example/',
      '//evil.example/admin',
      '/\\evil.example',
      'https://dir.example@evil.example/',
      'https://user:pass@dir.example/',
      'https://dir.example//evil.example/',
      'http://dir.example/admin',
      'javascript:alert(1)',
    ]) {
      expect(() => returnPathOf(url, base)).toThrow(InvalidInputError);
    }
  });
});
