import { InvalidInputError } from '../../../platform/errors';
import { httpsUrl, MAX_URL_LENGTH as MAX_LENGTH } from '../shared/https-url';
import type { SsoSettingsInput } from './sso-settings.record';

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
