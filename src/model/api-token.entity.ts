import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique, type Hidden } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export const TOKEN_KINDS = ['scim', 'graphql'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * A credential. Only the SHA-256 of the secret is stored; the secret is shown once, at creation.
 * The hash is looked up before the tenant is known (the token is what tells us the tenant), so
 * its unique index does not lead with tenant_id; under Citus this would be a reference table.
 */
@Entity({ tableName: 'api_tokens' })
@Unique({ name: 'api_tokens_secret_hash_unique', properties: ['secretHash'] })
@Index({ name: 'api_tokens_created_at_idx', properties: ['tenant', 'createdAt', 'id'] })
export class ApiToken {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @TenantKey('api_tokens')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Enum({ items: [...TOKEN_KINDS] })
  kind!: TokenKind;

  @Property({ type: 'text' })
  name!: string;

  /** The readable start of the secret (`gql_AbCd…`), so an admin can tell tokens apart. */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'blob', columnType: 'bytea', hidden: true })
  secretHash!: Hidden<Buffer>;

  @Property({ type: 'text[]', columnType: 'text[]' })
  scopes!: string[];

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** Recorded to the hour, by the statement that authenticates. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
