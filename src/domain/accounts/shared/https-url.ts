import { InvalidInputError } from '../../../platform/errors';

export const MAX_URL_LENGTH = 2000;

/** Plain http is accepted only for the machine itself (a local identity provider in development and tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An identity provider's URL (an issuer, a JWKS endpoint) as an admin typed it: absolute, https
 * (http only for loopback), no credentials in it. Surrounding whitespace is dropped, nothing else
 * changes: an issuer must equal a token's `iss` exactly. `path` is the input field at fault.
 */
export function httpsUrl(value: string, field: string, path: readonly string[] = [field]): string {
  const trimmed = value.trim();
  if (trimmed.length > MAX_URL_LENGTH) {
    throw new InvalidInputError(`${field} must be at most ${MAX_URL_LENGTH} characters.`, path);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InvalidInputError(`${field} must be an absolute https URL.`, path);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) {
    throw new InvalidInputError(`${field} must be an https URL (http is accepted only for localhost).`, path);
  }
  if (url.username || url.password) {
    throw new InvalidInputError(`${field} must not contain a user name or password.`, path);
  }
  return trimmed;
}
