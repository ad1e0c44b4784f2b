import { Entity, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { WebhookSubscription } from './webhook-subscription.entity';

/**
 * Where a webhook's delivery has got to in the tenant's change record, and how the next change is
 * faring. Kept apart from the subscription: the worker updates it on every delivery, admins edit
 * the subscription.
 */
@Entity({ tableName: 'webhook_cursors' })
export class WebhookCursor {
  [OptionalProps]?: 'attempts' | 'failingSince' | 'retryAt' | 'updatedAt';

  @TenantKey('webhook_cursors', { foreignKey: false })
  tenant!: TenantRef;

  @SameTenant(() => WebhookSubscription, {
    column: 'subscription_id',
    foreignKeyName: 'webhook_cursors_subscription_fk',
    deleteRule: 'cascade',
    primary: true,
  })
  subscription!: Ref<WebhookSubscription>;

  /** Every change up to this sequence number was delivered, or is of a type the webhook does not want. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  deliveredThrough!: string;

  /** Failed attempts at the next change (0 when the last attempt succeeded). */
  @Property({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the first of those failed attempts was made: retries stop a retry window after it. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  /** When the next attempt is due; null when none is waiting for a backoff. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  retryAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;
}
