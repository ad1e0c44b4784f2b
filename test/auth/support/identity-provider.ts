import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/**
 * A stand-in for a tenant's identity provider (Entra), local to the test: it publishes its signing
 * keys at http://127.0.0.1:<port>/jwks and signs tokens as Entra would, with an Entra-shaped issuer.
 * Nothing reaches the internet.
 */
export class TestIdentityProvider {
  /** Like Entra's: https://login.microsoftonline.com/<entra tenant id>/v2.0 (never fetched). */
  readonly issuer = `https://login.microsoftonline.com/${randomUUID()}/v2.0`;
  readonly audience = `api://evercate-${randomUUID()}`;
  /** How many times the signing keys were fetched. */
  jwksRequests = 0;
  private published: SigningKey[] = [];
  private signing!: SigningKey;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TestIdentityProvider> {
    let provider: TestIdentityProvider | undefined;
    const server = createServer((request, response) => {
      if (request.url !== '/jwks' || !provider) {
        response.writeHead(404).end();
        return;
      }
      provider.jwksRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: provider.published.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    provider = new TestIdentityProvider(server);
    provider.signing = await newKey();
    provider.published = [provider.signing];
    return provider;
  }

  get jwksUri(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`;
  }

  /** Settings for ssoSettingsUpdate. */
  settings(userMatching: 'OID_TO_EXTERNAL_ID' | 'PREFERRED_USERNAME_TO_USER_NAME' = 'PREFERRED_USERNAME_TO_USER_NAME') {
    return { issuer: this.issuer, audience: this.audience, jwksUri: this.jwksUri, userMatching };
  }

  /** The key it signs with now (its public half is published). */
  get currentKey(): SigningKey {
    return this.signing;
  }

  /** Key rotation: publishes a new key and signs with it from now on (the old key stays published). */
  async rotateKeys(): Promise<void> {
    this.signing = await newKey();
    this.published = [...this.published, this.signing];
  }

  /**
   * A token as Entra issues it for the application; `claims` override or add claims,
   * `expiresInSeconds` may be negative for an expired token, and `notBeforeInSeconds` positive for
   * one that is not valid yet.
   */
  async token(
    claims: JWTPayload,
    options: { expiresInSeconds?: number; notBeforeInSeconds?: number; signWith?: SigningKey; kid?: string } = {},
  ): Promise<string> {
    const key = options.signWith ?? this.signing;
    const now = Math.floor(Date.now() / 1000);
    const lifetime = options.expiresInSeconds ?? 3600;
    const notBefore =
      options.notBeforeInSeconds === undefined ? Math.min(now, now + lifetime - 60) : now + options.notBeforeInSeconds;
    return new SignJWT({ tid: this.issuer.split('/')[3], ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? key.kid })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : this.issuer)
      .setAudience(claims.aud ?? this.audience)
      .setIssuedAt(Math.min(now, now + lifetime - 60))
      .setNotBefore(notBefore)
      .setExpirationTime(now + lifetime)
      .sign(key.privateKey);
  }

  /** A key this provider does not publish, for forged tokens. */
  static foreignKey(): Promise<SigningKey> {
    return newKey();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}
