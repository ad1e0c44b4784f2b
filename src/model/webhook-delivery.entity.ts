import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { SameTenant, TenantKey, type TenantRef } from './tenant-owned';
import { WebhookSubscription } from './webhook-subscription.entity';

export const WEBHOOK_DELIVERY_OUTCOMES = ['delivered', 'failed', 'gone'] as const;
/** delivered: a 2xx; failed: anything else but 410 (retried); gone: the receiver answered 410. */
export type WebhookDeliveryOutcome = (typeof WEBHOOK_DELIVERY_OUTCOMES)[number];

/** One attempt at delivering one change to one webhook: the delivery log an admin reads. */
@Entity({ tableName: 'webhook_deliveries' })
@Index({ name: 'webhook_deliveries_subscription_idx', properties: ['tenant', 'subscription', 'id'] })
@Index({ name: 'webhook_deliveries_purge_idx', properties: ['attemptedAt'] })
export class WebhookDelivery {
  [OptionalProps]?: 'id' | 'attemptedAt';

  @TenantKey('webhook_deliveries', { foreignKey: false })
  tenant!: TenantRef;

  /** An identity column: ids grow with time, so the key also orders the log. Read as a string. */
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'identity' })
  id!: string;

  @SameTenant(() => WebhookSubscription, {
    column: 'subscription_id',
    foreignKeyName: 'webhook_deliveries_subscription_fk',
    deleteRule: 'cascade',
  })
  subscription!: Ref<WebhookSubscription>;

  /** The change delivered (directory_changes.seq). */
  @Property({ type: 'bigint', columnType: 'bigint' })
  changeSeq!: string;

  /** The `webhook-id` header: the same for every attempt at this change, so receivers can de-duplicate. */
  @Property({ type: 'text' })
  webhookId!: string;

  @Property({ type: 'text' })
  changeType!: string;

  /** 1 for the first attempt at this change, then 2, 3, … */
  @Property({ type: 'integer' })
  attempt!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  attemptedAt!: Date;

  @Property({ type: 'integer' })
  durationMs!: number;

  /** The receiver's HTTP status; null when no response came (timeout, refused, address not allowed). */
  @Property({ type: 'integer', nullable: true })
  statusCode!: number | null;

  @Enum({ items: [...WEBHOOK_DELIVERY_OUTCOMES] })
  outcome!: WebhookDeliveryOutcome;

  /** What went wrong, for the admin; null on success. */
  @Property({ type: 'text', nullable: true })
  error!: string | null;

  /** The start of the receiver's response body. */
  @Property({ type: 'text', nullable: true })
  responseExcerpt!: string | null;

  /** When the next attempt at this change is due; null when none will follow. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;
}
