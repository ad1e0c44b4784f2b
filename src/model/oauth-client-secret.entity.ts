import { Entity, Index, OptionalProps, PrimaryKey, Property, type Hidden, type Ref } from '@mikro-orm/core';
import { OAuthClient } from './oauth-client.entity';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';

/**
 * A secret of an OAuth client. Only its SHA-256 is stored; the secret is shown once. A client has
 * up to three active at a time so that it can be rotated without downtime, and each expires
 * (between one and three years after it was made, a gallery requirement).
 */
@Entity({ tableName: 'oauth_client_secrets' })
@Index({ name: 'oauth_client_secrets_client_idx', properties: ['tenant', 'client', 'createdAt'] })
export class OAuthClientSecret {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @TenantKey('oauth_client_secrets', { foreignKey: false })
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @SameTenant(() => OAuthClient, {
    column: 'client_id',
    foreignKeyName: 'oauth_client_secrets_client_fk',
    deleteRule: 'cascade',
  })
  client!: Ref<OAuthClient>;

  /** The readable start of the secret (`ocs_AbCdEf…`), so an admin can tell secrets apart. */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'blob', columnType: 'bytea', hidden: true })
  secretHash!: Hidden<Buffer>;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  /** When the secret last got an access token. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
