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
 * and how far behind delivery is, for metrics. One statement each, over the webhooks, their
 * tenants' change counters and the changes not numbered yet (an index holds just those; see
 * migrations/sql/070-change-sequencing.sql): nothing is read per change, and nothing is numbered
 * here (the delivery job numbers them, in its tenant, as every reader of the feed does).
 */
export async function dueWebhooks(database: Database, limit: number): Promise<DueWebhook[]> {
  const rows = await database.execute<{ tenant_id: string; id: string }>({
    text: `select w.tenant_id, w.id
             from webhook_subscriptions w
             join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
             left join directory_change_counters k on k.tenant_id = w.tenant_id
            where w.status = 'active' and (c.retry_at is null or c.retry_at <= now())
              and (c.delivered_through < coalesce(k.last_seq, 0)
                   or exists (select 1 from directory_changes u where u.tenant_id = w.tenant_id and u.seq is null))
            order by c.retry_at nulls first, c.updated_at
            limit ?`,
    params: [limit],
  });
  return rows.map((row) => ({ tenantId: row.tenant_id, subscriptionId: row.id }));
}

export async function webhookBacklog(database: Database): Promise<WebhookBacklog> {
  const [row] = await database.execute<{ behind: number; changes: string; oldest: number | null }>({
    text: `select count(*)::int as behind, coalesce(sum(b.sequenced + b.unsequenced), 0)::text as changes,
                  extract(epoch from now() - min(b.oldest))::float8 as oldest
             from (
               select greatest(coalesce(k.last_seq, 0) - c.delivered_through, 0) as sequenced,
                      (select count(*) from directory_changes u where u.tenant_id = w.tenant_id and u.seq is null) as unsequenced,
                      least(
                        (select d.occurred_at from directory_changes d
                          where d.tenant_id = c.tenant_id and d.seq > c.delivered_through order by d.seq limit 1),
                        (select min(u.occurred_at) from directory_changes u where u.tenant_id = w.tenant_id and u.seq is null)
                      ) as oldest
                 from webhook_subscriptions w
                 join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
                 left join directory_change_counters k on k.tenant_id = w.tenant_id
                where w.status = 'active'
             ) b
            where b.sequenced > 0 or b.unsequenced > 0`,
    params: [],
  });
  return {
    webhooksBehind: row?.behind ?? 0,
    changesBehind: Number(row?.changes ?? 0),
    oldestWaitingSeconds: Math.max(0, row?.oldest ?? 0),
  };
}
