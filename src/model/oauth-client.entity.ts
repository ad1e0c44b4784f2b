import { Check, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export const OAUTH_CLIENT_KINDS = ['secret', 'federated'] as const;
export type OAuthClientKind = (typeof OAUTH_CLIENT_KINDS)[number];

/**
 * An OAuth 2.0 client of a tenant: what Entra's provisioning authenticates as at the token
 * endpoint (RFC 6749 §4.4) to get short-lived access tokens for the tenant's SCIM. A `secret`
 * client proves itself with one of its client secrets; a `federated` one with a JWT its identity
 * provider signed (workload identity federation, RFC 7523 §2.2), whose issuer, subject and
 * audience are configured here. The id is the client id Entra sends; the token endpoint looks it
 * up before the tenant is known, so it is unique on its own as well (as api_tokens' hash is).
 */
@Entity({ tableName: 'oauth_clients' })
@Unique({ name: 'oauth_clients_id_unique', properties: ['id'] })
@Index({ name: 'oauth_clients_created_at_idx', properties: ['tenant', 'createdAt', 'id'] })
@Check({
  name: 'oauth_clients_token_lifetime_range',
  expression: 'access_token_lifetime_minutes >= 60 and access_token_lifetime_minutes <= 360',
})
@Check({
  name: 'oauth_clients_federation_by_kind',
  expression:
    "(kind = 'federated' and num_nulls(federated_issuer, federated_subject, federated_audiences, jwks_uri) = 0 " +
    "and cardinality(federated_audiences) > 0) or (kind = 'secret' " +
    'and num_nonnulls(federated_issuer, federated_subject, federated_audiences, jwks_uri) = 0)',
})
export class OAuthClient {
  [OptionalProps]?:
    | 'accessTokenLifetimeMinutes'
    | 'federatedIssuer'
    | 'federatedSubject'
    | 'federatedAudiences'
    | 'jwksUri'
    | 'createdAt'
    | 'lastUsedAt'
    | 'lastFailedAt'
    | 'lastFailure'
    | 'revokedAt';

  @TenantKey('oauth_clients')
  tenant!: TenantRef;

  /** The client id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: [...OAUTH_CLIENT_KINDS] })
  kind!: OAuthClientKind;

  /** How long the access tokens issued to this client live: 60 minutes to 6 hours (gallery requirement). */
  @Property({ type: 'integer', default: 60 })
  accessTokenLifetimeMinutes!: number;

  /** A federated client's assertions' `iss`, exactly. */
  @Property({ type: 'text', nullable: true })
  federatedIssuer!: string | null;

  /** A federated client's assertions' `sub`: Entra's provisioning workload identity object id. */
  @Property({ type: 'text', nullable: true })
  federatedSubject!: string | null;

  /** The audiences a federated client's assertion may be issued for; its `aud` must name one. */
  @Property({ type: 'text[]', columnType: 'text[]', nullable: true })
  federatedAudiences!: string[] | null;

  /** Where a federated client's identity provider publishes the keys its assertions are signed with. */
  @Property({ type: 'text', nullable: true })
  jwksUri!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** When the client last got an access token. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /**
   * When and why authenticating as this client last failed. The token endpoint tells the caller
   * only that authentication failed (it must not reveal whether a client exists); the tenant's
   * admin reads the reason here.
   */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastFailedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  lastFailure!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
