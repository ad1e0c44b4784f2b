import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantKey, type TenantRef } from './tenant-owned';

export const WEBHOOK_STATUSES = ['active', 'paused', 'disabled'] as const;
/** active: delivering; paused: by an admin, or after failing for the whole retry window; disabled: the receiver answered 410. */
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/**
 * A tenant's webhook: where the directory's changes are pushed (signed, in change order), and
 * which kinds of change. Where delivery has got to is its cursor (webhook-cursor.entity.ts), the
 * signing secrets are in webhook_secrets.
 */
@Entity({ tableName: 'webhook_subscriptions' })
export class WebhookSubscription {
  [OptionalProps]?:
    | 'description'
    | 'changeTypes'
    | 'status'
    | 'statusReason'
    | 'statusChangedAt'
    | 'createdAt'
    | 'updatedAt';

  @TenantKey('webhook_subscriptions')
  tenant!: TenantRef;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  /** The change types delivered (directory_changes.change_type); empty means every type. */
  @Property({ type: 'text[]', columnType: 'text[]', defaultRaw: "'{}'" })
  changeTypes!: string[];

  @Enum({ items: [...WEBHOOK_STATUSES], default: 'active' })
  status!: WebhookStatus;

  /** Why the webhook is paused or disabled, for the admin; null while active. */
  @Property({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  statusChangedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;
}
