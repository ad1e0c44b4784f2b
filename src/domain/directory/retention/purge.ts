import type { RetentionSettings } from '../../../platform/config';
import type { Database } from '../../../platform/db/database';

export interface PurgeResult {
  deletedObjects: number;
  changes: number;
  provisioningEvents: number;
  webhookDeliveries: number;
}

/**
 * Removes, across all tenants, what is past its retention window: deleted users and groups (no
 * longer restorable), old change records (moving each tenant's feed horizon, so older cursors
 * answer CURSOR_EXPIRED), old provisioning log entries, webhook delivery attempts as old as the
 * changes they delivered, expired webhook signing secrets and idle rate-limit counters. Runs outside any tenant, as the
 * connecting role. Instances take turns on an advisory lock; one that finds it taken skips.
 */
export async function purgeExpired(database: Database, retention: RetentionSettings): Promise<PurgeResult | undefined> {
  return database.em().transactional(async (em) => {
    const run = <T extends object>(sql: string, params: unknown[] = []) => em.execute<T[]>(sql, params, 'all');
    const [lock] = await run<{ acquired: boolean }>(
      `select pg_try_advisory_xact_lock(hashtextextended('evercate-directory:purge', 0)) as acquired`,
    );
    if (!lock?.acquired) return undefined;
    const [deletedObjects] = await run<{ count: number }>(
      `with purged as (delete from deleted_directory_objects where deleted_at < now() - make_interval(days => ?) returning 1)
       select count(*)::int as count from purged`,
      [retention.deletedObjectsDays],
    );
    // Changes nobody has read yet get their numbers first, so that the horizon covers them too.
    await run(
      `select directory_sequence_changes(t.tenant_id)
         from (select distinct tenant_id from directory_changes
                where seq is null and occurred_at < now() - make_interval(days => ?)) t`,
      [retention.changesDays],
    );
    const [changes] = await run<{ count: number }>(
      `with purged as (
         delete from directory_changes where occurred_at < now() - make_interval(days => ?) returning tenant_id, seq
       ), horizon as (
         update directory_change_counters c set purged_through = greatest(c.purged_through, h.seq)
           from (select tenant_id, max(seq) as seq from purged group by tenant_id) h
          where c.tenant_id = h.tenant_id
       )
       select count(*)::int as count from purged`,
      [retention.changesDays],
    );
    const [provisioningEvents] = await run<{ count: number }>(
      `with purged as (delete from provisioning_events where occurred_at < now() - make_interval(days => ?) returning 1)
       select count(*)::int as count from purged`,
      [retention.provisioningEventsDays],
    );
    const [webhookDeliveries] = await run<{ count: number }>(
      `with purged as (delete from webhook_deliveries where attempted_at < now() - make_interval(days => ?) returning 1)
       select count(*)::int as count from purged`,
      [retention.changesDays],
    );
    await run(`delete from webhook_secrets where expires_at < now()`);
    // Each credential's counter row is replaced as it is used; those of credentials no longer in
    // use (revoked tokens, people who stopped signing in) would otherwise stay forever.
    await run(`delete from graphql_rate_limits where window_start < date_trunc('minute', now()) - interval '1 minute'`);
    return {
      deletedObjects: deletedObjects?.count ?? 0,
      changes: changes?.count ?? 0,
      provisioningEvents: provisioningEvents?.count ?? 0,
      webhookDeliveries: webhookDeliveries?.count ?? 0,
    };
  });
}
