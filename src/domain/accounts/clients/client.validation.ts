import { InvalidInputError } from '../../../platform/errors';
import { httpsUrl } from '../shared/https-url';
import type { ClientRequest, Federation } from './client.record';

/** Access tokens live 60 minutes to 6 hours (a gallery requirement); an hour unless chosen otherwise. */
export const ACCESS_TOKEN_LIFETIME_MINUTES = { min: 60, max: 360, default: 60 } as const;

/** Client secrets expire after one to three years (a gallery requirement); one year unless chosen otherwise. */
export const SECRET_LIFETIME_DAYS = { min: 365, max: 3 * 365, default: 365 } as const;

/** Enough to rotate without downtime (old, new, and one spare), few enough to keep track of. */
export const MAX_ACTIVE_SECRETS = 3;

const MAX_NAME_LENGTH = 200;
const MAX_CLAIM_LENGTH = 1000;
const MAX_AUDIENCES = 10;

/** Entra's v2.0 issuer; its tenant's signing keys are at a fixed place beside it. */
const ENTRA_ISSUER = /^https:\/\/login\.microsoftonline\.com\/([^/?#]+)\/v2\.0$/;

export interface ValidClientRequest {
  name: string;
  accessTokenLifetimeMinutes: number;
  /** For a client with secrets: its first secret's lifetime. */
  secretLifetimeDays: number | null;
  federation: Federation | null;
}

/** Checks a request for a new client; surrounding whitespace is dropped, nothing else is changed. */
export function validateClientRequest(request: ClientRequest): ValidClientRequest {
  const name = request.name.trim();
  if (!name) throw new InvalidInputError('A client needs a name that says what uses it, e.g. "Entra".', ['name']);
  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(`name must be at most ${MAX_NAME_LENGTH} characters.`, ['name']);
  }
  const accessTokenLifetimeMinutes = inRange(
    request.accessTokenLifetimeMinutes,
    ACCESS_TOKEN_LIFETIME_MINUTES,
    'accessTokenLifetimeMinutes',
    'minutes (60 minutes to 6 hours)',
  );
  if (!request.federation) {
    return {
      name,
      accessTokenLifetimeMinutes,
      secretLifetimeDays: validateSecretLifetimeDays(request.secretLifetimeDays),
      federation: null,
    };
  }
  if (request.secretLifetimeDays != null) {
    throw new InvalidInputError(
      'A federated client authenticates with signed assertions and has no secrets; omit secretLifetimeDays.',
      ['secretLifetimeDays'],
    );
  }
  return {
    name,
    accessTokenLifetimeMinutes,
    secretLifetimeDays: null,
    federation: validateFederation(request.federation),
  };
}

export function validateSecretLifetimeDays(days: number | null | undefined, field = 'secretLifetimeDays'): number {
  return inRange(days, SECRET_LIFETIME_DAYS, field, 'days (one to three years)');
}

function validateFederation(federation: NonNullable<ClientRequest['federation']>): Federation {
  const issuer = httpsUrl(federation.issuer, 'issuer', ['federation', 'issuer']);
  const subject = claimValue(federation.subject, 'subject');
  const audiences = [...new Set(federation.audiences.map((audience) => claimValue(audience, 'audiences')))];
  if (audiences.length === 0) {
    throw new InvalidInputError("A federated client needs at least one audience (the assertions' aud).", [
      'federation',
      'audiences',
    ]);
  }
  if (audiences.length > MAX_AUDIENCES) {
    throw new InvalidInputError(`A federated client accepts at most ${MAX_AUDIENCES} audiences.`, [
      'federation',
      'audiences',
    ]);
  }
  const jwksUri = federation.jwksUri?.trim()
    ? httpsUrl(federation.jwksUri, 'jwksUri', ['federation', 'jwksUri'])
    : entraJwksUri(issuer);
  if (!jwksUri) {
    throw new InvalidInputError(
      'jwksUri is required: only for an Entra issuer (https://login.microsoftonline.com/<tenant id>/v2.0) is it known.',
      ['federation', 'jwksUri'],
    );
  }
  return { issuer, subject, audiences, jwksUri };
}

/** Where Entra publishes the signing keys of the tenant an issuer names; undefined for other issuers. */
export function entraJwksUri(issuer: string): string | undefined {
  const tenant = ENTRA_ISSUER.exec(issuer)?.[1];
  return tenant && `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`;
}

function claimValue(value: string, field: 'subject' | 'audiences'): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidInputError(`${field} must not be blank.`, ['federation', field]);
  if (trimmed.length > MAX_CLAIM_LENGTH) {
    throw new InvalidInputError(`${field} must be at most ${MAX_CLAIM_LENGTH} characters.`, ['federation', field]);
  }
  return trimmed;
}

function inRange(
  value: number | null | undefined,
  range: { min: number; max: number; default: number },
  field: string,
  unit: string,
): number {
  if (value === null || value === undefined) return range.default;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new InvalidInputError(`${field} must be a whole number from ${range.min} to ${range.max} ${unit}.`, [field]);
  }
  return value;
}
