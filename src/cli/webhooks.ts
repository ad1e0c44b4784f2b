import type { ChangeType } from '../domain/directory/changes/change-recorder';
import { WebhookService } from '../domain/directory/webhooks/webhook.service';
import type { WebhookRecord } from '../domain/directory/webhooks/webhook.records';
import { encodeChangeCursor } from '../domain/directory/changes/change-feed.service';
import type { Config } from '../platform/config';
import type { TenantTransaction } from '../platform/db/tenant-transaction';
import { isUuid } from '../platform/ids';

export const WEBHOOK_USAGE = `  webhooks create --tenant <id> --url <https url> [--types created,deactivated,…] [--description <text>]
                                               Create a webhook (its signing secret is shown once)
  webhooks list --tenant <id>                  List a tenant's webhooks with their delivery state
  webhooks pause|resume|delete --tenant <id> --webhook <webhook id>
                                               Stop, restart (from the first change not delivered) or delete one
  webhooks rotate-secret --tenant <id> --webhook <webhook id> [--previous-valid-hours 24]
                                               A new signing secret; the old one signs too until it expires
  webhooks replay --tenant <id> --webhook <webhook id> --after <directoryChanges cursor>
                                               Deliver again every change after the cursor`;

const CHANGE_TYPES: readonly ChangeType[] = [
  'created',
  'updated',
  'deactivated',
  'reactivated',
  'deleted',
  'restored',
  'manager_changed',
  'member_added',
  'member_removed',
];

export interface WebhookCommandOptions {
  url?: string;
  types?: string;
  description?: string;
  webhook?: string;
  after?: string;
  'previous-valid-hours'?: string;
}

/** What a webhooks command prints: JSON for scripts, text for people. */
export interface CommandOutput {
  json: unknown;
  text: string;
}

export class WebhookUsageError extends Error {}

/** Runs `webhooks <action>` in the tenant's transaction. */
export async function webhookCommand(
  action: string,
  options: WebhookCommandOptions,
  config: Config,
  transaction: TenantTransaction,
): Promise<CommandOutput> {
  const webhooks = new WebhookService(transaction, { allowPrivateTargets: config.webhooks.allowPrivateTargets });
  const id = () => {
    if (!options.webhook || !isUuid(options.webhook)) {
      throw new WebhookUsageError(`webhooks ${action} needs --webhook <webhook id> (see webhooks list).`);
    }
    return options.webhook;
  };
  switch (action) {
    case 'create': {
      if (!options.url) throw new WebhookUsageError('webhooks create needs --url <https url>.');
      const { webhook, secret } = await webhooks.create({
        url: options.url,
        changeTypes: options.types ? parseTypes(options.types) : null,
        description: options.description ?? null,
      });
      return {
        json: { ...summary(webhook), secret },
        text: `Created webhook ${webhook.id} to ${webhook.url}. Its signing secret is shown only now:\n  ${secret}`,
      };
    }
    case 'list': {
      const list: WebhookRecord[] = [];
      for (let after: string | null = null; ; ) {
        const page = await webhooks.page({ first: 100, after });
        list.push(...page.items);
        if (!page.hasNextPage) break;
        after = page.cursorAt(page.items.length - 1);
      }
      return {
        json: { webhooks: list.map(summary) },
        text:
          list.length === 0
            ? 'No webhooks.'
            : list
                .map((w) => `${w.id}  ${w.status.padEnd(8)} ${w.url}${w.statusReason ? `\n    ${w.statusReason}` : ''}`)
                .join('\n'),
      };
    }
    case 'pause':
    case 'resume':
    case 'delete': {
      const webhook = await webhooks[action](id());
      const done = { pause: 'Paused', resume: 'Resumed', delete: 'Deleted' }[action];
      return { json: summary(webhook), text: `${done} webhook ${webhook.id}.` };
    }
    case 'rotate-secret': {
      const hours = options['previous-valid-hours'] === undefined ? 24 : Number(options['previous-valid-hours']);
      const { webhook, secret } = await webhooks.rotateSecret(id(), hours);
      return {
        json: { ...summary(webhook), secret },
        text: `New signing secret for webhook ${webhook.id}, shown only now (the previous one signs for ${hours} more hours):\n  ${secret}`,
      };
    }
    case 'replay': {
      if (!options.after) throw new WebhookUsageError('webhooks replay needs --after <directoryChanges cursor>.');
      const webhook = await webhooks.replay(id(), options.after);
      return { json: summary(webhook), text: `Webhook ${webhook.id} delivers again every change after that cursor.` };
    }
    default:
      throw new WebhookUsageError(`Unknown command "webhooks ${action}".`);
  }
}

function summary(webhook: WebhookRecord) {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    changeTypes: webhook.changeTypes,
    status: webhook.status,
    statusReason: webhook.statusReason,
    deliveredThroughCursor: encodeChangeCursor(webhook.delivery.deliveredThrough),
    failedAttempts: webhook.delivery.attempts,
    nextRetryAt: webhook.delivery.retryAt?.toISOString() ?? null,
  };
}

function parseTypes(text: string): ChangeType[] {
  const types = text.split(',').map((type) => type.trim().toLowerCase());
  const unknown = types.filter((type) => !(CHANGE_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    throw new WebhookUsageError(`Unknown change type ${unknown.join(', ')}; use ${CHANGE_TYPES.join(', ')}.`);
  }
  return types as ChangeType[];
}
