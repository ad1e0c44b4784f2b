import { InvalidInputError } from '../../../platform/errors';
import type { SsoSettingsInput } from './sso-settings.record';

const MAX_LENGTH = 2000;

/** Plain http is accepted only for the machine itself (a local identity provider in development and tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Checks settings before they are stored; surrounding whitespace is dropped, nothing else is changed. */
export function validateSsoSettings(input: SsoSettingsInput): SsoSettingsInput {
  const audience = input.audience.trim();
  if (!audience) throw new InvalidInputError('audience must not be blank.', ['audience']);
  if (audience.length > MAX_LENGTH) {
    throw new InvalidInputError(`audience must be at most ${MAX_LENGTH} characters.`, ['audience']);
  }
  return {
    // Kept as given: a token's iss must equal it exactly (no trailing-slash normalisation).
    issuer: httpsUrl(input.issuer, 'issuer'),
    audience,
    jwksUri: httpsUrl(input.jwksUri, 'jwksUri'),
    userMatching: input.userMatching,
  };
}

function httpsUrl(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed.length > MAX_LENGTH) {
    throw new InvalidInputError(`${field} must be at most ${MAX_LENGTH} characters.`, [field]);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InvalidInputError(`${field} must be an absolute https URL.`, [field]);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) {
    throw new InvalidInputError(`${field} must be an https URL (http is accepted only for localhost).`, [field]);
  }
  if (url.username || url.password) {
    throw new InvalidInputError(`${field} must not contain a user name or password.`, [field]);
  }
  return trimmed;
}
