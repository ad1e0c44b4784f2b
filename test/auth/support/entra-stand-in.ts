import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, type JWTPayload } from 'jose';
import { TestIdentityProvider, type SigningKey } from './identity-provider';

/** Someone who signs in at the stand-in: an Entra user of some organization (Entra tenant). */
export interface StandInUser {
  tid: string;
  oid: string;
  name?: string;
  preferred_username?: string;
  roles?: string[];
}

export function entraUser(overrides: Partial<StandInUser> = {}): StandInUser {
  return {
    tid: randomUUID(),
    oid: randomUUID(),
    name: 'Ada Admin',
    preferred_username: 'ada@contoso.example',
    ...overrides,
  };
}

interface IssuedCode {
  user: StandInUser;
  clientId: string;
  redirectUri: string;
  nonce: string;
  codeChallenge: string;
  used: boolean;
}

/**
 * A stand-in for Microsoft's sign-in service (login.microsoftonline.com), local to the test, for
 * the authorization-code flow with PKCE: the `organizations` authorize endpoint (which signs in
 * `signIn.user`, or declines), the token endpoint (checks client, secret, code, redirect URI and
 * PKCE verifier like Entra, and answers an RS256 ID token), and every tenant's keys at
 * /<tid>/discovery/v2.0/keys. With `interactive`, the authorize endpoint shows a consent page to
 * click, as a person sees Microsoft's. Nothing reaches the internet.
 */
export class EntraStandIn {
  readonly clientId = randomUUID();
  readonly clientSecret = `stand-in-secret-${randomBytes(8).toString('hex')}`;
  /** Who signs in next, and whether they accept. */
  signIn: { user: StandInUser; answer: 'accept' | 'deny' } = { user: entraUser(), answer: 'accept' };
  /** Show a consent page instead of answering at once (for the browser). */
  interactive = false;
  /** Changes to the next ID tokens, to forge what a broken or hostile answer would be. */
  idToken: { claims?: JWTPayload; signWith?: SigningKey } = {};
  readonly authorizeRequests: URLSearchParams[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private key!: SigningKey;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<EntraStandIn> {
    let standIn: EntraStandIn | undefined;
    const server = createServer((request, response) => {
      standIn!.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    standIn = new EntraStandIn(server);
    standIn.key = await TestIdentityProvider.foreignKey();
    return standIn;
  }

  get authority(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The service's configuration for this stand-in. */
  environment(publicBaseUrl: string): Record<string, string> {
    return {
      ENTRA_CLIENT_ID: this.clientId,
      ENTRA_CLIENT_SECRET: this.clientSecret,
      ENTRA_AUTHORITY: this.authority,
      PUBLIC_BASE_URL: publicBaseUrl,
    };
  }

  issuer(tid: string): string {
    return `${this.authority}/${tid}/v2.0`;
  }

  /** A token as Entra issues it to a signed-in user of `user`'s organization for the application. */
  async tokenFor(user: StandInUser, claims: JWTPayload = {}): Promise<string> {
    return this.sign({ ...this.claimsOf(user), ...claims });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url!, this.authority);
    if (request.method === 'GET' && url.pathname === '/organizations/oauth2/v2.0/authorize') {
      return this.authorize(url.searchParams, response);
    }
    if (request.method === 'GET' && url.pathname === '/stand-in/answer') {
      const params = new URLSearchParams(url.searchParams.get('request') ?? '');
      return this.answer(params, url.searchParams.get('answer') === 'accept' ? 'accept' : 'deny', response);
    }
    if (request.method === 'POST' && url.pathname === '/organizations/oauth2/v2.0/token') {
      return this.token(new URLSearchParams(await readBody(request)), response);
    }
    const keys = /^\/([0-9a-f-]{36})\/discovery\/v2\.0\/keys$/.exec(url.pathname);
    if (request.method === 'GET' && keys) {
      return json(response, 200, { keys: [this.key.publicJwk] });
    }
    response.writeHead(404).end();
  }

  private authorize(params: URLSearchParams, response: ServerResponse): void {
    this.authorizeRequests.push(params);
    if (params.get('client_id') !== this.clientId) {
      // Microsoft shows its own error page for an unknown application; it never redirects.
      response.writeHead(400, { 'content-type': 'text/plain' }).end('AADSTS700016: Application not found.');
      return;
    }
    if (!this.interactive) return this.answer(params, this.signIn.answer, response);
    const answer = (value: string) =>
      `/stand-in/answer?${new URLSearchParams({ request: params.toString(), answer: value })}`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title>
<style>body{font:15px system-ui,sans-serif;margin:3rem auto;max-width:28rem;color:#1b1b1b}
a{display:inline-block;padding:.5rem 1.2rem;margin-right:.5rem;border:1px solid #0067b8;text-decoration:none}
.accept{background:#0067b8;color:#fff}</style></head>
<body><p>Microsoft (stand-in)</p><p>${this.signIn.user.preferred_username}</p>
<h1>Permissions requested</h1><p>Evercate directory · unverified</p>
<ul><li>Sign you in and read your profile</li></ul>
<label><input type="checkbox" checked disabled> Consent on behalf of your organization</label>
<p><a class="accept" href="${answer('accept')}">Accept</a><a href="${answer('deny')}">Cancel</a></p></body></html>`);
  }

  private answer(params: URLSearchParams, answer: 'accept' | 'deny', response: ServerResponse): void {
    const back = new URL(params.get('redirect_uri')!);
    back.searchParams.set('state', params.get('state') ?? '');
    if (answer === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
    } else {
      const code = randomBytes(24).toString('base64url');
      this.codes.set(code, {
        user: this.signIn.user,
        clientId: params.get('client_id')!,
        redirectUri: params.get('redirect_uri')!,
        nonce: params.get('nonce') ?? '',
        codeChallenge: params.get('code_challenge') ?? '',
        used: false,
      });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() }).end();
  }

  private async token(form: URLSearchParams, response: ServerResponse): Promise<void> {
    this.tokenRequests.push(form);
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
      return json(response, 401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret.',
      });
    }
    const issued = this.codes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !issued ||
      issued.used ||
      issued.redirectUri !== form.get('redirect_uri') ||
      issued.codeChallenge !== challenge
    ) {
      return json(response, 400, { error: 'invalid_grant', error_description: 'AADSTS70008: The code is not valid.' });
    }
    issued.used = true;
    const idToken = await this.sign({ ...this.claimsOf(issued.user), nonce: issued.nonce, ...this.idToken.claims });
    return json(response, 200, {
      token_type: 'Bearer',
      scope: 'openid profile',
      expires_in: 3600,
      access_token: randomBytes(16).toString('hex'),
      id_token: idToken,
    });
  }

  private claimsOf(user: StandInUser): JWTPayload {
    const claims: JWTPayload = {
      iss: this.issuer(user.tid),
      aud: this.clientId,
      tid: user.tid,
      oid: user.oid,
      ver: '2.0',
      name: user.name,
      preferred_username: user.preferred_username,
    };
    if (user.roles) claims.roles = user.roles;
    return claims;
  }

  private sign(claims: JWTPayload): Promise<string> {
    const key = this.idToken.signWith ?? this.key;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, nbf: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.key.kid })
      .sign(key.privateKey);
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
