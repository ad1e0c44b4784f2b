import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A federated client assertion that was accepted, by its issuer and `jti`, until it expires: the
 * same assertion is never accepted twice (RFC 7523 §3). Not tenant-owned: a `jti` is unique per
 * issuer, and an assertion must not be replayable against another tenant's client that trusts the
 * same issuer either. Only the token endpoint, as the connecting role, reads and writes it.
 */
@Entity({ tableName: 'oauth_used_assertions' })
@Index({ name: 'oauth_used_assertions_expires_at_idx', properties: ['expiresAt'] })
export class OAuthUsedAssertion {
  @PrimaryKey({ type: 'text' })
  issuer!: string;

  @PrimaryKey({ type: 'text' })
  jti!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
