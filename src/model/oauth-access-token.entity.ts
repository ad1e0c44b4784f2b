import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique, type Hidden, type Ref } from '@mikro-orm/core';
import { OAuthClientSecret } from './oauth-client-secret.entity';
import { OAuthClient } from './oauth-client.entity';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';

/**
 * An access token the token endpoint issued to an OAuth client, for the client's tenant's SCIM.
 * Opaque: only its SHA-256 is stored, looked up by the first statement of each SCIM request
 * before the tenant is known (so that index does not lead with tenant_id). The request is refused
 * once the token expires, or as soon as its client or the secret it was issued for is revoked.
 */
@Entity({ tableName: 'oauth_access_tokens' })
@Unique({ name: 'oauth_access_tokens_token_hash_unique', properties: ['tokenHash'] })
@Index({ name: 'oauth_access_tokens_client_idx', properties: ['tenant', 'client', 'expiresAt'] })
export class OAuthAccessToken {
  [OptionalProps]?: 'issuedAt' | 'secret';

  @TenantKey('oauth_access_tokens', { foreignKey: false })
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @SameTenant(() => OAuthClient, {
    column: 'client_id',
    foreignKeyName: 'oauth_access_tokens_client_fk',
    deleteRule: 'cascade',
  })
  client!: Ref<OAuthClient>;

  /** The secret the client authenticated with; null for a federated client. */
  @SameTenant(() => OAuthClientSecret, {
    column: 'secret_id',
    foreignKeyName: 'oauth_access_tokens_secret_fk',
    deleteRule: 'cascade',
    nullable: true,
  })
  secret!: Ref<OAuthClientSecret> | null;

  @Property({ type: 'blob', columnType: 'bytea', hidden: true })
  tokenHash!: Hidden<Buffer>;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  issuedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
