import { createHash, randomBytes } from 'node:crypto';
import type { TokenKind } from './scopes';

const PREFIX: Record<TokenKind, string> = { scim: 'scim_', graphql: 'gql_' };

/** 32 random bytes (256 bits) after a readable prefix that says what the token is for. */
export function generateTokenSecret(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** The stored form. A fast hash is right here: the secret has 256 bits of entropy, not a password's. */
export function hashTokenSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** What an admin sees to tell tokens apart: the prefix and the first characters of the secret. */
export function displayPrefix(secret: string): string {
  return `${secret.slice(0, secret.indexOf('_') + 7)}…`;
}

/** A new secret with what is stored of it: the readable prefix and the hash. */
export function newTokenSecret(kind: TokenKind): { secret: string; prefix: string; hash: Buffer } {
  const secret = generateTokenSecret(kind);
  return { secret, prefix: displayPrefix(secret), hash: hashTokenSecret(secret) };
}
