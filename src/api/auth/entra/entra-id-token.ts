import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { SigningKeys } from '../jwks/signing-keys';
import { isGuid, type EntraEndpoints } from './entra-endpoints';
import { EntraSignInError, START_AGAIN } from './entra-sign-in-error';

/** Microsoft's clock and ours drift a little; a minute is the customary allowance. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** What a verified Entra ID token says about who signed in, and where. */
export interface VerifiedEntraIdToken {
  entraTenantId: string;
  issuer: string;
  jwksUri: string;
  applicationId: string;
  objectId: string;
  name: string | undefined;
  username: string | undefined;
  roles: string[];
}

/**
 * Verifies an ID token from the token endpoint completely: signed (RS256) by a key, chosen by
 * `kid`, that its own Entra tenant publishes; issued by that tenant (`iss` is the issuer of its
 * `tid`); for this application (`aud`); for this sign-in (`nonce`); and not expired. The tenant id
 * is read from the token before verifying only to know which issuer and keys to verify it with.
 */
export async function verifyEntraIdToken(
  idToken: string,
  expected: { endpoints: EntraEndpoints; clientId: string; nonce: string; keys: SigningKeys },
): Promise<VerifiedEntraIdToken> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(idToken);
  } catch {
    throw invalid('it is not a well-formed token');
  }
  const tenantId = unverified.tid;
  if (!isGuid(tenantId)) throw invalid('it names no Entra tenant (tid)');
  const issuer = expected.endpoints.issuer(tenantId);
  const jwksUri = expected.endpoints.keys(tenantId);

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(idToken, expected.keys.forUrl(jwksUri), {
      issuer,
      audience: expected.clientId,
      algorithms: ['RS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'nonce', 'oid'],
    }));
  } catch (error) {
    throw refusal(error);
  }
  if (claims.nonce !== expected.nonce) throw invalid('it was issued for another sign-in (nonce)');
  if (!isGuid(claims.oid)) throw invalid('it names no user object id (oid)');
  return {
    entraTenantId: tenantId.toLowerCase(),
    issuer,
    jwksUri,
    applicationId: expected.clientId,
    objectId: claims.oid.toLowerCase(),
    name: text(claims.name),
    username: text(claims.preferred_username),
    roles: Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [],
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function invalid(why: string): EntraSignInError {
  return new EntraSignInError(
    400,
    "Microsoft's answer could not be verified",
    `The ID token could not be accepted: ${why}. Nothing was changed. ${START_AGAIN}`,
  );
}

function refusal(error: unknown): EntraSignInError {
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
    return new EntraSignInError(
      400,
      'The sign-in was for another application',
      'Microsoft issued the ID token for another application (aud), not for this service, so nothing was changed. ' +
        'The operator of this service must check ENTRA_CLIENT_ID.',
    );
  }
  if (error instanceof errors.JWTExpired) return invalid('it has expired');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
    return invalid("it was not issued by its own tenant's issuer (iss)");
  }
  if (error instanceof errors.JWTClaimValidationFailed) return invalid(error.message);
  if (error instanceof errors.JWKSNoMatchingKey) return invalid('it is signed with a key its tenant does not publish');
  if (
    !(error instanceof errors.JOSEError) ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === errors.JOSEError.code
  ) {
    return new EntraSignInError(
      503,
      "Microsoft's signing keys could not be fetched",
      `The ID token could not be checked because Microsoft's signing keys could not be fetched, so nothing was changed. Try again in a minute. ${START_AGAIN}`,
    );
  }
  return invalid('its signature is not valid');
}
