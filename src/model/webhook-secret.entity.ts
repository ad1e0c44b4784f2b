import { Entity, Index, OptionalProps, PrimaryKey, Property, type Hidden, type Ref } from '@mikro-orm/core';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { WebhookSubscription } from './webhook-subscription.entity';

/**
 * A webhook's signing secret (Standard Webhooks `whsec_…`). Deliveries are signed with every
 * secret that has not expired, so during a rotation a receiver may verify with either. Unlike API
 * tokens it is kept as is: signing needs it. Shown once, when it is created.
 */
@Entity({ tableName: 'webhook_secrets' })
@Index({ name: 'webhook_secrets_subscription_idx', properties: ['tenant', 'subscription', 'createdAt'] })
export class WebhookSecret {
  [OptionalProps]?: 'createdAt' | 'expiresAt';

  @TenantKey('webhook_secrets', { foreignKey: false })
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @SameTenant(() => WebhookSubscription, {
    column: 'subscription_id',
    foreignKeyName: 'webhook_secrets_subscription_fk',
    deleteRule: 'cascade',
  })
  subscription!: Ref<WebhookSubscription>;

  @Property({ type: 'text', hidden: true })
  secret!: Hidden<string>;

  /** The readable start of the secret (`whsec_AbCd…`), so an admin can tell secrets apart. */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** Set when the secret was rotated out: it still signs until then. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
