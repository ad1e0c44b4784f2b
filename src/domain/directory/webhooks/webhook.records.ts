import type { ChangeType } from '../../../model/directory-change.entity';
import { table } from '../../../model/tables';
import { WebhookCursor } from '../../../model/webhook-cursor.entity';
import { WebhookDelivery, type WebhookDeliveryOutcome } from '../../../model/webhook-delivery.entity';
import { WebhookSecret } from '../../../model/webhook-secret.entity';
import { WebhookSubscription, type WebhookStatus } from '../../../model/webhook-subscription.entity';
import type { RecordOf } from '../../../platform/db/entity-table';

export type { WebhookDeliveryOutcome, WebhookStatus };

/** The webhook tables for hand-written SQL. */
export const WEBHOOKS = table(WebhookSubscription, 'w');
export const WEBHOOK_CURSORS = table(WebhookCursor, 'c');
export const WEBHOOK_SECRETS = table(WebhookSecret, 'k');
export const WEBHOOK_DELIVERIES = table(WebhookDelivery, 'd');

/** A signing secret as admins see it: never the secret itself. */
export type WebhookSecretSummary = Omit<RecordOf<WebhookSecret>, 'subscriptionId'>;

/** A webhook as admins see it: the subscription, where its delivery stands, and its secrets. */
export type WebhookRecord = Omit<RecordOf<WebhookSubscription>, 'changeTypes' | 'status'> & {
  changeTypes: ChangeType[];
  status: WebhookStatus;
  delivery: Omit<RecordOf<WebhookCursor>, 'subscriptionId'>;
  secrets: WebhookSecretSummary[];
};

export type WebhookDeliveryRecord = Omit<RecordOf<WebhookDelivery>, 'outcome'> & { outcome: WebhookDeliveryOutcome };

/**
 * The select list of a webhook with its cursor and its unexpired secrets, over `w` joined with
 * `c`; turn a row into a record with webhookFromRow.
 */
export const WEBHOOK_SELECT = `${WEBHOOKS.select}, ${WEBHOOK_CURSORS.columns
  .filter((column) => column.key !== 'subscriptionId')
  .map((column) => `c.${column.column} as cursor_${column.column}`)
  .join(', ')},
  coalesce((select jsonb_agg(jsonb_build_object(${WEBHOOK_SECRETS.columns
    .filter((column) => column.key !== 'subscriptionId')
    .map((column) => `'${column.column}', k.${column.column}`)
    .join(', ')}) order by k.created_at desc)
     from webhook_secrets k
    where k.tenant_id = w.tenant_id and k.subscription_id = w.id and (k.expires_at is null or k.expires_at > now())), '[]') as secrets`;

export function webhookFromRow(row: object): WebhookRecord {
  const values = row as Record<string, unknown>;
  const cursorRow = Object.fromEntries(
    WEBHOOK_CURSORS.columns.map((column) => [column.column, values[`cursor_${column.column}`]]),
  );
  const { subscriptionId: _subscription, ...delivery } = WEBHOOK_CURSORS.fromRow(cursorRow);
  const secrets = (values.secrets as object[]).map((secret) => {
    const { subscriptionId: _owner, ...summary } = WEBHOOK_SECRETS.fromRow(secret);
    return summary;
  });
  return { ...(WEBHOOKS.fromRow(row) as Omit<WebhookRecord, 'delivery' | 'secrets'>), delivery, secrets };
}
