import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { FederatedClient, VerifiedAssertion } from '../../../domain/accounts/clients/client-authentication';
import { ASYMMETRIC_ALGORITHMS, isKeyFetchFailure } from '../jwks/signing-keys';

/** Clocks drift a little between the identity provider and us. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * The longest an assertion may be valid for. Its id is kept until it expires (so it cannot be
 * replayed), and Entra's tokens live an hour or so; a day leaves room without keeping ids forever.
 */
const MAX_LIFETIME_SECONDS = 24 * 3600;

const MAX_JTI_LENGTH = 256;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** An assertion refused. `reason` is safe to tell the caller only when `beforeLookup` is set. */
export class AssertionRefusedError extends Error {
  constructor(
    readonly reason: string,
    /** Found without looking at any client, so telling it reveals nothing about which clients exist. */
    readonly beforeLookup: boolean,
  ) {
    super(reason);
    this.name = 'AssertionRefusedError';
  }
}

/** The identity provider's keys could not be fetched: nothing is known to be wrong with the assertion. */
export class AssertionKeysUnavailableError extends Error {
  constructor(
    readonly jwksUri: string,
    cause: unknown,
  ) {
    super(`The signing keys at ${jwksUri} could not be fetched.`, { cause });
    this.name = 'AssertionKeysUnavailableError';
  }
}

/**
 * What can be checked of an assertion (RFC 7523 §3) before knowing which client it is for: that
 * it is a signed JWT, with an allowed algorithm, within its lifetime, with an id. None of it is
 * trusted yet; anything that fails here would fail verification anyway, and saying why reveals
 * nothing. Throws AssertionRefusedError.
 */
export function checkAssertionShape(assertion: string, now = Date.now()): void {
  const refuse = (reason: string) => new AssertionRefusedError(reason, true);
  if (!COMPACT_JWS.test(assertion)) throw refuse('The assertion is not a signed JWT (JWS compact serialization).');
  let alg: unknown;
  let claims: JWTPayload;
  try {
    alg = decodeProtectedHeader(assertion).alg;
    claims = decodeJwt(assertion);
  } catch {
    throw refuse('The assertion is not a well-formed JWT.');
  }
  if (typeof alg !== 'string' || !ASYMMETRIC_ALGORITHMS.includes(alg)) {
    throw refuse(
      `The assertion is signed with alg ${String(alg).slice(0, 20)}; accepted are ${ASYMMETRIC_ALGORITHMS.join(', ')}.`,
    );
  }
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number') throw refuse('The assertion has no expiry (exp).');
  if (claims.exp + CLOCK_TOLERANCE_SECONDS <= seconds) {
    throw refuse(`The assertion expired at ${isoTime(claims.exp)}; request a new one.`);
  }
  if (claims.exp - seconds > MAX_LIFETIME_SECONDS) {
    throw refuse('The assertion is valid for more than 24 hours; use one that expires sooner.');
  }
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - CLOCK_TOLERANCE_SECONDS > seconds)) {
    throw refuse(
      `The assertion is not valid before ${typeof claims.nbf === 'number' ? isoTime(claims.nbf) : 'its nbf'}.`,
    );
  }
  for (const claim of ['iss', 'sub'] as const) {
    if (typeof claims[claim] !== 'string' || !claims[claim]) throw refuse(`The assertion has no ${claim} claim.`);
  }
  if (claims.aud === undefined) throw refuse('The assertion has no audience (aud).');
  const id = assertionId(claims);
  if (!id) throw refuse('The assertion has no id (jti) to make sure it is used only once.');
  if (id.length > MAX_JTI_LENGTH) throw refuse(`The assertion's jti is longer than ${MAX_JTI_LENGTH} characters.`);
}

/**
 * Verifies an assertion completely against a federated client: signature with its identity
 * provider's keys, issuer, one of its audiences, subject, expiry and not-before, and the
 * algorithm. Throws AssertionRefusedError (with a reason for the client's admin) or
 * AssertionKeysUnavailableError.
 */
export async function verifyAssertion(
  assertion: string,
  client: FederatedClient,
  keys: JWTVerifyGetKey,
): Promise<VerifiedAssertion> {
  checkAssertionShape(assertion);
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(assertion, keys, {
      issuer: client.issuer,
      audience: client.audiences,
      subject: client.subject,
      algorithms: ASYMMETRIC_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iss', 'sub', 'aud'],
    }));
  } catch (error) {
    if (isKeyFetchFailure(error)) throw new AssertionKeysUnavailableError(client.jwksUri, error);
    throw new AssertionRefusedError(reasonFor(error, assertion, client), false);
  }
  return {
    issuer: client.issuer,
    jti: assertionId(claims)!,
    acceptedUntil: new Date((claims.exp! + CLOCK_TOLERANCE_SECONDS) * 1000),
  };
}

/** `jti`, or Entra's `uti` (its token id, "equivalent to jti") when a token has no jti (R-06c). */
function assertionId(claims: JWTPayload): string | undefined {
  const id = claims.jti ?? claims.uti;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** What an admin needs to fix a client whose assertions are refused. */
function reasonFor(error: unknown, assertion: string, client: FederatedClient): string {
  const claims = decodeJwt(assertion);
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return `The assertion's issuer (iss) is ${String(claims.iss)}, not the client's ${client.issuer}.`;
      case 'aud':
        return `The assertion's audience (aud) is ${JSON.stringify(claims.aud)}, not one of the client's: ${client.audiences.join(', ')}.`;
      case 'sub':
        return `The assertion's subject (sub) is ${String(claims.sub)}, not the client's ${client.subject}.`;
      case 'nbf':
        return 'The assertion is not valid yet (nbf).';
      default:
        return `The assertion is not valid: ${error.message}.`;
    }
  }
  if (error instanceof errors.JWTExpired) return 'The assertion expired.';
  const kid = decodeProtectedHeader(assertion).kid;
  if (error instanceof errors.JWKSNoMatchingKey) {
    return `The assertion is signed with key ${String(kid)}, which ${client.jwksUri} does not publish.`;
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return `The assertion names no key id (kid) and ${client.jwksUri} publishes several keys.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return `The assertion's signature does not verify with key ${String(kid)} from ${client.jwksUri}.`;
  }
  return `The assertion is not valid: ${error instanceof Error ? error.message : String(error)}.`;
}

function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
