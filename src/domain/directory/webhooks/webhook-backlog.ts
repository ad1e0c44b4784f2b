import type { Database } from '../../../platform/db/database';

/** A webhook with changes to deliver now. */
export interface DueWebhook {
  tenantId: string;
  subscriptionId: string;
}

export interface WebhookBacklog {
  /** Active webhooks whose cursor is behind their tenant's latest change. */
  webhooksBehind: number;
  /** Changes after those cursors, of any type: an upper bound of what waits to be delivered. */
  changesBehind: number;
  /** How long the oldest change waiting has waited, in seconds; 0 when none waits. */
  oldestWaitingSeconds: number;
}

/**
 * Across tenants, as the connecting role (like the purge): which webhooks are behind their
 * tenant's change record and due (not waiting for a retry's backoff), for the worker to schedule,
 * and how far behind delivery is, for metrics. One statement each, over the webhooks and their
 * tenants' change counters; nothing is read per change.
 */
export async function dueWebhooks(database: Database, limit: number): Promise<DueWebhook[]> {
  const rows = await database.execute<{ tenant_id: string; id: string }>({
    text: `select w.tenant_id, w.id
             from webhook_subscriptions w
             join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
             join directory_change_counters k on k.tenant_id = w.tenant_id
            where w.status = 'active' and c.delivered_through < k.last_seq
              and (c.retry_at is null or c.retry_at <= now())
            order by c.retry_at nulls first, c.updated_at
            limit ?`,
    params: [limit],
  });
  return rows.map((row) => ({ tenantId: row.tenant_id, subscriptionId: row.id }));
}

export async function webhookBacklog(database: Database): Promise<WebhookBacklog> {
  const [row] = await database.execute<{ behind: number; changes: string; oldest: number | null }>({
    text: `select count(*)::int as behind, coalesce(sum(k.last_seq - c.delivered_through), 0)::text as changes,
                  extract(epoch from now() - min(next.occurred_at))::float8 as oldest
             from webhook_subscriptions w
             join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
             join directory_change_counters k on k.tenant_id = w.tenant_id
             left join lateral (
               select d.occurred_at from directory_changes d
                where d.tenant_id = c.tenant_id and d.seq > c.delivered_through
                order by d.seq limit 1
             ) next on true
            where w.status = 'active' and c.delivered_through < k.last_seq`,
    params: [],
  });
  return {
    webhooksBehind: row?.behind ?? 0,
    changesBehind: Number(row?.changes ?? 0),
    oldestWaitingSeconds: Math.max(0, row?.oldest ?? 0),
  };
}
