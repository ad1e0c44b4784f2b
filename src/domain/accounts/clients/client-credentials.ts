import { randomBytes } from 'node:crypto';
import { displayPrefix, hashTokenSecret } from '../tokens/token-secret';

/** Client secrets an admin pastes into Entra's "Client Secret" field. */
const CLIENT_SECRET_PREFIX = 'ocs_';

/** Access tokens the token endpoint issues; the SCIM facade tells them from SCIM secret tokens by it. */
export const ACCESS_TOKEN_PREFIX = 'oat_';

export interface NewCredential {
  /** The credential itself, shown (or sent) once. */
  value: string;
  /** What an admin sees of it, e.g. `ocs_AbCdEf…`. */
  prefix: string;
  /** The stored form: SHA-256, as for API tokens (256 random bits need no slow hash). */
  hash: Buffer;
}

function newCredential(prefix: string): NewCredential {
  const value = prefix + randomBytes(32).toString('base64url');
  return { value, prefix: displayPrefix(value), hash: hashTokenSecret(value) };
}

export const newClientSecret = (): NewCredential => newCredential(CLIENT_SECRET_PREFIX);

export const newAccessToken = (): NewCredential => newCredential(ACCESS_TOKEN_PREFIX);

export function isAccessToken(bearer: string): boolean {
  return bearer.startsWith(ACCESS_TOKEN_PREFIX);
}

export { hashTokenSecret as hashCredential };
