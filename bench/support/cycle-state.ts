import type { Database } from '../../src/platform/db/database';

/** What a provisioning cycle should have left in a tenant, by name (userName, group displayName). */
export interface ExpectedDirectory {
  /** Every user's userName and its manager's userName (null for the root). */
  users: ReadonlyArray<{ userName: string; managerUserName: string | null }>;
  groups: readonly string[];
  memberships: ReadonlyArray<{ group: string; userName: string }>;
}

/**
 * Compares, set against set, what the tenant holds in the database with what the cycle should
 * have left: users, each user's manager, groups and group memberships. Read as the connecting
 * role with an explicit tenant filter. Returns one line per comparison and whether all matched.
 */
export async function checkDirectory(
  database: Database,
  tenantId: string,
  expected: ExpectedDirectory,
): Promise<{ ok: boolean; lines: string[] }> {
  const users = await database.execute<{ user_name: string; manager: string | null; pending: string | null }>({
    text: `select u.user_name, m.user_name as manager, u.pending_manager_reference as pending
             from users u left join users m on m.tenant_id = u.tenant_id and m.id = u.manager_id
            where u.tenant_id = ?`,
    params: [tenantId],
  });
  const groups = await database.execute<{ display_name: string }>({
    text: 'select display_name from groups where tenant_id = ?',
    params: [tenantId],
  });
  const memberships = await database.execute<{ group_name: string; member: string }>({
    text: `select g.display_name as group_name, coalesce(u.user_name, 'group ' || gm.member_group_id) as member
             from group_members gm
             join groups g on g.tenant_id = gm.tenant_id and g.id = gm.group_id
             left join users u on u.tenant_id = gm.tenant_id and u.id = gm.member_user_id
            where gm.tenant_id = ?`,
    params: [tenantId],
  });
  const managerOf = (manager: string | null, pending: string | null) =>
    manager ?? (pending === null ? '(none)' : `(pending ${pending})`);
  const comparisons = [
    compare(
      'users',
      expected.users.map((u) => u.userName),
      users.map((u) => u.user_name),
    ),
    compare(
      'managers',
      expected.users.map((u) => `${u.userName} → ${u.managerUserName ?? '(none)'}`),
      users.map((u) => `${u.user_name} → ${managerOf(u.manager, u.pending)}`),
    ),
    compare(
      'groups',
      expected.groups,
      groups.map((g) => g.display_name),
    ),
    compare(
      'memberships',
      expected.memberships.map((m) => `${m.group} ∋ ${m.userName}`),
      memberships.map((m) => `${m.group_name} ∋ ${m.member}`),
    ),
  ];
  return { ok: comparisons.every((c) => c.ok), lines: comparisons.map((c) => c.line) };
}

function compare(what: string, expected: readonly string[], actual: readonly string[]) {
  const want = new Set(expected);
  const have = new Set(actual);
  const missing = [...want].filter((item) => !have.has(item));
  const unexpected = [...have].filter((item) => !want.has(item));
  const duplicates = actual.length - have.size;
  const ok = missing.length === 0 && unexpected.length === 0 && duplicates === 0;
  const examples = (items: string[]) => items.slice(0, 5).join('; ') + (items.length > 5 ? '; …' : '');
  const line = ok
    ? `${what}: ${want.size} expected, ${actual.length} found, identical`
    : [
        `${what}: ${want.size} expected, ${actual.length} found`,
        missing.length ? `${missing.length} missing (${examples(missing)})` : '',
        unexpected.length ? `${unexpected.length} unexpected (${examples(unexpected)})` : '',
        duplicates ? `${duplicates} duplicates` : '',
      ]
        .filter(Boolean)
        .join(', ');
  return { ok, line };
}
