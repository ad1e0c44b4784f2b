import { OAuthClientSecret } from '../../../model/oauth-client-secret.entity';
import { OAuthClient } from '../../../model/oauth-client.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

export type { OAuthClientKind } from '../../../model/oauth-client.entity';

/** An OAuth client as admins see it (src/model/oauth-client.entity.ts); `id` is the client id. */
export type ClientRecord = RecordOf<OAuthClient>;

/** A client secret as admins see it: never the secret (src/model/oauth-client-secret.entity.ts). */
export type ClientSecretRecord = RecordOf<OAuthClientSecret>;

/** The oauth_clients table for hand-written SQL, aliased `c`. */
export const OAUTH_CLIENTS = table(OAuthClient, 'c');

/** The oauth_client_secrets table for hand-written SQL, aliased `s`. */
export const OAUTH_CLIENT_SECRETS = table(OAuthClientSecret, 's');

/** How a federated client's assertions must look: who signs them, for whom, about whom. */
export interface Federation {
  /** The assertions' `iss`, compared exactly (Entra: https://login.microsoftonline.com/<tenant id>/v2.0). */
  issuer: string;
  /** The assertions' `sub`, compared exactly (Entra: the provisioning workload identity's object id). */
  subject: string;
  /** The assertion's `aud` must name one of these (Entra: api://<workload identity app id>, or the bare id). */
  audiences: string[];
  /** The identity provider's signing keys. */
  jwksUri: string;
}

/** What an admin asks for: a client with a first secret, or (with `federation`) a federated one. */
export interface ClientRequest {
  name: string;
  /** 60 to 360; 60 when omitted. */
  accessTokenLifetimeMinutes?: number | null;
  /** The first secret's lifetime: 365 to 1095 days; 365 when omitted. Secret clients only. */
  secretLifetimeDays?: number | null;
  /** A federated client's assertions; `jwksUri` may be omitted for an Entra issuer. */
  federation?: (Omit<Federation, 'jwksUri'> & { jwksUri?: string | null }) | null;
}

/** A secret as it is created: the secret itself is returned this once and never stored. */
export interface IssuedClientSecret extends ClientSecretRecord {
  clientSecret: string;
}

/** The federation settings of a federated client record. */
export function federationOf(client: ClientRecord): Federation | null {
  if (client.kind !== 'federated') return null;
  return {
    issuer: client.federatedIssuer!,
    subject: client.federatedSubject!,
    audiences: client.federatedAudiences!,
    jwksUri: client.jwksUri!,
  };
}

/** A secret that may still authenticate: neither revoked nor expired. */
export function isActiveSecret(secret: ClientSecretRecord, now = new Date()): boolean {
  return secret.revokedAt === null && secret.expiresAt > now;
}
