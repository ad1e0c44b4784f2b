import { Entity, Enum, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export const USER_MATCHINGS = ['oid_to_external_id', 'preferred_username_to_user_name'] as const;
export type UserMatching = (typeof USER_MATCHINGS)[number];

/**
 * Which identity provider's tokens sign a tenant's users in. Looked up by issuer before the tenant
 * is known, so that index does not lead with tenant_id. An issuer and audience pair names one
 * tenant, or a token could not tell which tenant it signs into.
 */
@Entity({ tableName: 'sso_settings' })
@Unique({ name: 'sso_settings_issuer_audience_unique', properties: ['issuer', 'audience'] })
export class SsoSettings {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'signInAllowed' | 'adminRole';

  @TenantKey('sso_settings')
  tenant!: TenantRef;

  @Property({ type: 'text' })
  issuer!: string;

  @Property({ type: 'text' })
  audience!: string;

  @Property({ type: 'text' })
  jwksUri!: string;

  @Enum({ items: [...USER_MATCHINGS] })
  userMatching!: UserMatching;

  /**
   * Whether tokens sign users in now. Settings typed in with ssoSettingsUpdate are on; those that
   * "Connect Microsoft Entra ID" makes are off until an admin allows single sign-on.
   */
  @Property({ type: 'boolean', default: true })
  signInAllowed!: boolean;

  /**
   * The app role (a value of the token's `roles` claim) that gives a signed-in user the admin
   * scope; null: signed-in users only read.
   */
  @Property({ type: 'text', nullable: true })
  adminRole!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;
}
