import type { Sql } from '../../../platform/db/tenant-transaction';
import { isUuid } from '../../../platform/ids';
import type { Change } from '../changes/change-recorder';

/**
 * Manager references that arrive before their manager does. A reference names a user by our id,
 * else by externalId, else by userName (ignoring case); one that names no user yet is kept on the
 * user as pending_manager_reference and resolves by itself when a user it names appears.
 *
 * The two sides race: a user going pending on "bob" while bob is being created. Both take the
 * tenant's advisory lock of the reference key ("bob"), so one waits for the other to commit and
 * then sees it:
 * - the pending side takes it (waiting) before it looks the reference up again;
 * - a new user takes the locks of its id, externalId and userName without waiting, in its insert
 *   (lockKeysIfFree); only when one is taken, or a user is already waiting for it, does it wait
 *   for them and resolve the waiting users in a statement of its own (resolveWaiting).
 * Every other write pays nothing: no statement, no wait.
 */

/** A reference as a resolved manager, or kept pending when it names no single user. */
export type ManagerResolution = { managerId: string } | { pending: string };

/** The advisory lock key of a reference, as SQL over a text expression `key`. */
const lockKey = (key: string) =>
  `hashtextextended('evercate-directory:manager-reference:' || directory_current_tenant()::text || ':' || lower(${key}), 0)`;

/** Tries the locks of a new user's keys (select-list SQL over alias `u`): false when another transaction holds one. */
export const LOCK_KEYS_IF_FREE = `(pg_try_advisory_xact_lock(${lockKey('u.id::text')})
    and pg_try_advisory_xact_lock(${lockKey('u.user_name')})
    and (u.external_id is null or pg_try_advisory_xact_lock(${lockKey('u.external_id')}))) as keys_locked`;

/** How many users wait for a new user (select-list SQL over alias `u`), through the pending index. */
export const WAITING_COUNT = `(select count(*)::int from users w
     where w.tenant_id = u.tenant_id and w.pending_manager_key in (u.id::text, u.user_name_key, u.external_id_key)
       and w.id <> u.id) as waiting`;

export async function resolveManagerReference(sql: Sql, reference: string): Promise<ManagerResolution> {
  const found = await findManager(sql, reference);
  if (found) return { managerId: found };
  await sql.query(`select pg_advisory_xact_lock(${lockKey('?::text')})`, [reference]);
  const foundAfterWait = await findManager(sql, reference);
  return foundAfterWait ? { managerId: foundAfterWait } : { pending: reference };
}

/** Our id first, then a single user with that externalId, then the userName (unique). */
async function findManager(sql: Sql, reference: string): Promise<string | undefined> {
  const rows = await sql.query<{ id: string; rank: number }>(
    `select u.id, case when u.id::text = lower(?) then 0 when u.external_id_key = lower(?) then 1 else 2 end as rank
       from users u
      where u.tenant_id = ? and (${isUuid(reference) ? 'u.id = ?::uuid or' : ''}
            u.external_id_key = lower(?) or u.user_name_key = lower(?))
      order by rank limit 3`,
    [reference, reference, sql.tenantId, ...(isUuid(reference) ? [reference] : []), reference, reference],
  );
  const byId = rows.find((row) => row.rank === 0);
  if (byId) return byId.id;
  const byExternalId = rows.filter((row) => row.rank === 1);
  if (byExternalId.length === 1) return byExternalId[0]!.id;
  return rows.find((row) => row.rank === 2)?.id;
}

/**
 * Gives the users waiting for `user` (their pending reference names its id, userName or
 * externalId) `user` as their manager, once the transactions writing such references have
 * committed. A waiting user above `user` in the management chain stays pending: that would be a
 * cycle: the chain above `user` is locked first (migrations/sql/030-tree-cycles.sql), so the
 * chain the check reads stays as it is until commit. The key locks come before it: two new users
 * whose keys collide (one's userName, the other's externalId) then take turns instead of each
 * holding what the other waits for.
 */
export async function resolveWaiting(
  sql: Sql,
  user: { id: string; userName: string; externalId: string | null },
): Promise<Change[]> {
  const keys = [user.id, user.userName, ...(user.externalId === null ? [] : [user.externalId])];
  await sql.query(`select pg_advisory_xact_lock(${lockKey('k')}) from jsonb_array_elements_text(?::jsonb) as k`, [
    JSON.stringify(keys),
  ]);
  await sql.query('select directory_lock_management_chain(?::uuid, ?::uuid, null)', [sql.tenantId, user.id]);
  const resolved = await sql.query<{ id: string }>(
    `update users w set manager_id = ?::uuid, pending_manager_reference = null, version = w.version + 1, updated_at = now()
      where w.tenant_id = ? and w.pending_manager_key in (select lower(k) from jsonb_array_elements_text(?::jsonb) as k)
        and w.id <> ?::uuid
        and w.id not in (select l.manager_id from user_reporting_lines l where l.tenant_id = ? and l.user_id = ?::uuid)
      returning w.id`,
    [user.id, sql.tenantId, JSON.stringify(keys), user.id, sql.tenantId, user.id],
  );
  return resolved.map(
    (row): Change => ({
      objectType: 'user',
      objectId: row.id,
      changeType: 'manager_changed',
      changedFields: ['managerId'],
      data: { from: null, to: user.id },
    }),
  );
}
