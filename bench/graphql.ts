import { randomUUID } from 'node:crypto';
import { TenantTransaction } from '../src/platform/db/tenant-transaction';
import type { Database } from '../src/platform/db/database';
import { TenantService } from '../src/domain/accounts/tenants/tenant.service';
import { printResults, runScenario, startBenchService, type ScenarioResult } from './support/bench-service';

/**
 * The frontend's org questions on a large tenant: `npm run bench:graphql`. Seeds 100,000 users in a
 * realistic management tree (3–12 reports per manager, up to 10 levels), 500 departments in a
 * tree, 2,000 groups (some nested), then measures each query for 10 s with 1 and with 4 connections.
 * BENCH_ONLY="<part of a scenario name>" runs only the matching scenarios (to profile one).
 */
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const DEPARTMENTS = 500;
const GROUPS = 2_000;

const GIVEN = [
  'Ann',
  'Anna',
  'Joanne',
  'Hannah',
  'Annika',
  'Bob',
  'Carl',
  'Dana',
  'Eve',
  'Fay',
  'Gus',
  'Hugo',
  'Ida',
  'Jon',
  'Kim',
  'Lea',
  'Max',
  'Nia',
  'Oda',
  'Per',
  'Zoë',
  'Åsa',
  'Émile',
  'Sven',
  'Tove',
  'Ulf',
  'Vera',
  'Wim',
  'Xia',
  'Yann',
];
const FAMILY = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Müller',
  'Åberg',
  'Smith',
  'Lee',
  'García',
  'Rossi',
  'Dubois',
  'Novak',
  'Kowalski',
  'Tanaka',
];

interface SeededUser {
  id: string;
  managerId: string | null;
  depth: number;
}

async function main(): Promise<void> {
  const service = await startBenchService();
  try {
    const tenant = await new TenantService(service.database).create('graphql-bench');
    const started = Date.now();
    const seeded = await seed(service.database, tenant.tenantId);
    process.stdout.write(
      `Seeded ${USERS} users, ${DEPARTMENTS} departments and ${GROUPS} groups in ${Date.now() - started} ms.\n`,
    );

    const headers = { authorization: `Bearer ${tenant.graphqlToken}`, 'content-type': 'application/json' };
    const scenarios: Array<[name: string, query: string, variables: Record<string, unknown>]> = [
      [
        "CEO's reports(first: 100)",
        `query($id: ID!) { user(id: $id) { reports(first: 100) { edges { depth managerId node { id displayName } } } } }`,
        { id: seeded.ceo },
      ],
      [
        `CEO's reportsCount (all ${USERS - 1})`,
        `query($id: ID!) { user(id: $id) { reportsCount } }`,
        { id: seeded.ceo },
      ],
      [
        "deepest user's managementChain",
        `query($id: ID!) { user(id: $id) { managementChain { id displayName title } } }`,
        { id: seeded.deepest },
      ],
      [
        'users(search: "ann", first: 10)',
        `{ users(search: "ann", first: 10) { nodes { id displayName userName } } }`,
        {},
      ],
      [
        'department members(includeSubDepartments, first: 50)',
        `query($id: ID!) { department(id: $id) { members(includeSubDepartments: true, first: 50) { totalCount nodes { id displayName } } } }`,
        { id: seeded.topDepartment },
      ],
      [
        '100 users with manager, department, memberOf',
        `{ users(first: 100) { nodes { id userName displayName manager { id displayName } department { id name } memberOf(first: 10) { nodes { id displayName } } } } }`,
        {},
      ],
    ];
    const only = process.env.BENCH_ONLY;
    const chosen = scenarios.filter(([name]) => !only || name.includes(only));
    // One connection measures a request's own latency (one frontend user waiting); four keep both
    // cores busy and show latency under load.
    for (const connections of [1, 4]) {
      const results: ScenarioResult[] = [];
      for (const [name, query, variables] of chosen) {
        results.push(
          await runScenario(name, {
            url: `${service.url}/graphql`,
            method: 'POST',
            headers,
            body: JSON.stringify({ query, variables }),
            connections,
          }),
        );
      }
      printResults(`GraphQL org queries (${USERS} users, ${connections} connection(s), 10 s each)`, results);
    }
  } finally {
    await service.stop();
  }
}

/** Seeds through the request path's SQL (row-level security and triggers apply), level by level. */
async function seed(database: Database, tenantId: string) {
  const users = managementTree(USERS);
  const departments = departmentTree();
  await inTenant(database, tenantId, async (sql) => {
    for (const level of groupBy(departments, (d) => d.depth)) {
      await sql.query(
        `insert into departments (tenant_id, id, name, parent_id)
         select ?, d.id, d.name, d.parent_id from jsonb_to_recordset(?::jsonb) as d(id uuid, name text, parent_id uuid)`,
        [tenantId, JSON.stringify(level)],
      );
    }
  });
  const leaves = departments.filter((d) => d.depth === 2);
  let seededCount = 0;
  for (const level of groupBy(users, (u) => u.depth)) {
    // Statistics as autovacuum keeps them while a table grows: without them, the triggers' cached
    // plans, made when the table was empty, scan it whole for every row.
    await database.execute({ text: 'analyze users, user_reporting_lines', params: [] });
    for (const batch of chunks(level, 2_000)) {
      await inTenant(database, tenantId, (sql) =>
        sql.query(
          `insert into users (tenant_id, id, user_name, display_name, given_name, family_name, title, emails, department, department_id, manager_id)
           select ?, u.id, u.user_name, u.given_name || ' ' || u.family_name, u.given_name, u.family_name, u.title,
                  jsonb_build_array(jsonb_build_object('value', u.user_name, 'type', 'work', 'primary', true)),
                  d.name, d.id, u.manager_id
             from jsonb_to_recordset(?::jsonb) as u(id uuid, user_name text, given_name text, family_name text, title text,
                                                     department_id uuid, manager_id uuid)
             join departments d on d.tenant_id = ? and d.id = u.department_id`,
          [
            tenantId,
            JSON.stringify(
              batch.map((user) => {
                const n = seededCount++;
                const given = GIVEN[(user.depth * 7 + n) % GIVEN.length]!;
                const family = FAMILY[(n * 13 + user.depth) % FAMILY.length]!;
                return {
                  id: user.id,
                  // The seed number makes it unique: the names repeat in a short cycle (thousands of
                  // users share each pair), and 8 hex digits of the id collided in a run.
                  user_name: `${given}.${family}.${n}@bench.example`.toLowerCase(),
                  given_name: given,
                  family_name: family,
                  title: user.depth < 3 ? 'Director' : 'Specialist',
                  department_id: leaves[Math.abs(hash(user.managerId ?? user.id)) % leaves.length]!.id,
                  manager_id: user.managerId,
                };
              }),
            ),
            tenantId,
          ],
        ),
      );
    }
  }
  await inTenant(database, tenantId, async (sql) => {
    const groups = Array.from({ length: GROUPS }, (_, i) => ({ id: randomUUID(), name: `Group ${i}` }));
    await sql.query(
      `insert into groups (tenant_id, id, display_name) select ?, g.id, g.name from jsonb_to_recordset(?::jsonb) as g(id uuid, name text)`,
      [tenantId, JSON.stringify(groups)],
    );
    const members: Array<{ group_id: string; user_id?: string; member_group_id?: string }> = [];
    groups.forEach((group, i) => {
      const size = 10 + (i % 190);
      for (let m = 0; m < size; m++)
        members.push({ group_id: group.id, user_id: users[(i * 997 + m * 31) % users.length]!.id });
      // Every tenth group also contains up to three earlier groups (so nesting stays acyclic).
      if (i % 10 === 0 && i > 0)
        for (let k = 1; k <= 3; k++) members.push({ group_id: group.id, member_group_id: groups[i - k * 3]!.id });
    });
    for (const batch of chunks(members, 20_000)) {
      await sql.query(
        `insert into group_members (tenant_id, group_id, member_user_id, member_group_id)
         select ?, m.group_id, m.user_id, m.member_group_id
           from jsonb_to_recordset(?::jsonb) as m(group_id uuid, user_id uuid, member_group_id uuid)
         on conflict do nothing`,
        [tenantId, JSON.stringify(batch)],
      );
    }
  });
  // Vacuumed and analyzed, as autovacuum leaves tables soon after a load (it needs the owner).
  await database.execute({ text: 'vacuum analyze', params: [] });
  const deepest = users.reduce((a, b) => (b.depth > a.depth ? b : a));
  return { ceo: users[0]!.id, deepest: deepest.id, topDepartment: departments[0]!.id };
}

/** A management tree of `count` users, breadth first: every manager gets 3–12 reports, up to 10 levels. */
function managementTree(count: number): SeededUser[] {
  const users: SeededUser[] = [{ id: randomUUID(), managerId: null, depth: 0 }];
  let random = 42;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let managerIndex = 0; users.length < count; managerIndex++) {
    const manager = users[managerIndex]!;
    if (manager.depth >= 9) continue;
    const span = 3 + (next() % 10);
    for (let r = 0; r < span && users.length < count; r++)
      users.push({ id: randomUUID(), managerId: manager.id, depth: manager.depth + 1 });
  }
  return users;
}

/** 10 top departments with 7 children each, each with 6 children of their own: 500 in all. */
function departmentTree() {
  const departments: Array<{ id: string; name: string; parent_id: string | null; depth: number }> = [];
  for (let top = 0; top < 10; top++) {
    const topId = randomUUID();
    departments.push({ id: topId, name: `Division ${top}`, parent_id: null, depth: 0 });
    for (let mid = 0; mid < 7; mid++) {
      const midId = randomUUID();
      departments.push({ id: midId, name: `Department ${top}.${mid}`, parent_id: topId, depth: 1 });
      for (let low = 0; low < 6 && departments.length < DEPARTMENTS; low++) {
        departments.push({ id: randomUUID(), name: `Team ${top}.${mid}.${low}`, parent_id: midId, depth: 2 });
      }
    }
  }
  return departments;
}

async function inTenant(
  database: Database,
  tenantId: string,
  work: (sql: TenantTransaction) => Promise<unknown>,
): Promise<void> {
  const transaction = await TenantTransaction.begin(database);
  try {
    await transaction.enterTenant(tenantId);
    await transaction.query(`select set_config('statement_timeout', '0', true)`);
    await work(transaction);
    await transaction.commit();
  } finally {
    await transaction.rollback();
  }
}

function groupBy<T>(items: T[], key: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) | 0;
  return h;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
