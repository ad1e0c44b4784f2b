import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { BENCH_SERVICE_ENV, inParallel, startChildServer, type ChildServer } from './support/bench-service';
import { cpuPerRequest, readCpu } from './support/process-cpu';
import { defaultDialectUserPatch, memberAddPatch, pick } from './support/scim-requests';

/**
 * Two builds of this service side by side, for before/after figures on a noisy machine:
 *
 *   node dist/bench/compare-builds.js --a ../before --b . [--edge scim|graphql] [--connections 10]
 *        [--pairs 6] [--slice 5] [--users 2000] [--only "<scenario name part>"] [--node-args "--cpu-prof"]
 *        [--env "TENANT_MAX_CONCURRENT_HEAVY_REQUESTS=4"]
 *
 * `--a` and `--b` are checkouts of this repository, each built (`npm ci && npm run build`). Each
 * build runs as its own service process on its own fresh database (created beside DATABASE_URL's),
 * seeded with the same users over SCIM, so only what a client can see is used and any two commits
 * can be compared. Then every scenario runs in alternating slices (a b, b a, a b, …), so a drift in
 * the machine's speed hits both alike; the table gives each side's median throughput and the median
 * and range of the per-pair ratio b/a. Sequential runs of `bench:scim` on this kind of machine move
 * by up to 40 % between runs; paired slices move by a few percent.
 */
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface Options {
  a: string;
  b: string;
  edge: 'scim' | 'graphql';
  connections: number;
  pairs: number;
  slice: number;
  users: number;
  only?: string;
  /** Options for both services' node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles". */
  nodeArgs: string[];
  /** More environment for both services (`--env "KEY=value KEY2=value"`); a build ignores what it does not know. */
  env: Record<string, string>;
}

/** One build, running and seeded. */
interface Side {
  label: string;
  server: ChildServer;
  database: string;
  scimToken: string;
  graphqlToken: string;
  userIds: string[];
  userNames: string[];
  groupIds: string[];
  /** The root of the manager tree and one user at its deepest level. */
  ceo: string;
  deepest: string;
}

interface Scenario {
  name: string;
  edge: 'scim' | 'graphql';
  request: (side: Side) => { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const sides: Side[] = [];
  try {
    for (const [label, dir] of [
      ['a', options.a],
      ['b', options.b],
    ] as const) {
      sides.push(await startSide(label, path.resolve(dir), adminUrl, options));
    }
    const scenarios = SCENARIOS.filter(
      (s) => s.edge === options.edge && (!options.only || s.name.includes(options.only)),
    );
    process.stdout.write(
      `\n## ${options.edge} b/a: a = ${options.a}, b = ${options.b}; ${options.users} users, ` +
        `${options.connections} connection(s), ${options.pairs} pairs of ${options.slice} s slices\n\n` +
        '| scenario | a req/s | b req/s | b/a median | b/a range | a p99 ms | b p99 ms | service CPU µs/req a → b | PostgreSQL CPU µs/req a → b |\n' +
        '|---|---|---|---|---|---|---|---|---|\n',
    );
    for (const scenario of scenarios) {
      const runs: Record<string, SliceResult[]> = { a: [], b: [] };
      const ratios: number[] = [];
      for (let pair = 0; pair < options.pairs; pair++) {
        const order = pair % 2 === 0 ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
        const slice: Record<string, number> = {};
        for (const side of order) {
          const run = await runSlice(scenario, side, options);
          runs[side.label]!.push(run);
          slice[side.label] = run.rps;
        }
        ratios.push(slice.b! / slice.a!);
      }
      const a = runs.a!;
      const b = runs.b!;
      process.stdout.write(
        `| ${scenario.name} | ${median(a.map((r) => r.rps)).toFixed(0)} | ${median(b.map((r) => r.rps)).toFixed(0)} | ` +
          `${median(ratios).toFixed(2)} | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | ` +
          `${median(a.map((r) => r.p99))} | ${median(b.map((r) => r.p99))} | ` +
          `${median(a.map((r) => r.serviceCpu)).toFixed(0)} → ${median(b.map((r) => r.serviceCpu)).toFixed(0)} | ` +
          `${median(a.map((r) => r.databaseCpu)).toFixed(0)} → ${median(b.map((r) => r.databaseCpu)).toFixed(0)} |\n`,
      );
    }
  } finally {
    for (const side of sides) await side.server.stop();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    for (const side of sides) await admin.query(`drop database if exists ${side.database} with (force)`);
    await admin.end();
  }
}

async function startSide(label: string, dir: string, adminUrl: string, options: Options): Promise<Side> {
  const database = `compare_builds_${label}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();

  const env = {
    ...BENCH_SERVICE_ENV,
    DATABASE_URL: databaseUrl,
    ...options.env,
  };
  // The service migrates its database as it starts; the tenant comes from the build's own CLI.
  let server: ChildServer | undefined;
  try {
    server = await startChildServer(path.join(dir, 'dist/src/server.js'), { env, nodeArgs: options.nodeArgs });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(dir, 'dist/src/cli/main.js'), 'tenants', 'create', '--name', `compare-${label}`, '--json'],
      { env: { ...process.env, ...env } },
    );
    const tenant = JSON.parse(stdout) as { scimToken: string; graphqlToken: string };
    const side = await seed(label, server, tenant, options.users, databaseUrl);
    await vacuum(databaseUrl);
    return { ...side, database };
  } catch (error) {
    // A build that does not start or seed leaves neither a process nor a database behind.
    await server?.stop();
    const cleanup = new Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${database} with (force)`);
    await cleanup.end();
    throw error;
  }
}

/** Users over SCIM in an 8-ary manager tree (each level after its managers), 50 groups with members. */
async function seed(
  label: string,
  server: ChildServer,
  tenant: { scimToken: string; graphqlToken: string },
  users: number,
  databaseUrl: string,
): Promise<Omit<Side, 'database'>> {
  const headers = { authorization: `Bearer ${tenant.scimToken}`, 'content-type': 'application/scim+json' };
  const post = async (resource: string, body: unknown) => {
    const response = await fetch(`${server.url}/scim/v2${resource}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (response.status !== 201)
      throw new Error(`seeding ${label}${resource}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };
  const userNames = Array.from({ length: users }, (_, i) => `seed${i}@bench.example`);
  const userIds: string[] = new Array(users);
  const levels: number[][] = [];
  for (let i = 0, depth = 0, width = 1; i < users; depth++, width *= 8) {
    levels.push(Array.from({ length: Math.min(width, users - i) }, (_, k) => i + k));
    i += width;
  }
  for (const level of levels) {
    // Statistics as autovacuum would keep them while the tables grow (this machine's server runs
    // without it): with the plans made for near-empty tables, seeding 100,000 users ran at 27 a second.
    await analyze(databaseUrl);
    await inParallel(level, 10, async (i) => {
      const manager = i === 0 ? undefined : userIds[Math.floor((i - 1) / 8)];
      userIds[i] = await post('/Users', scimUser(userNames[i]!, i, manager));
    });
  }
  const groupIds: string[] = new Array(50);
  await inParallel([...Array(50).keys()], 10, async (g) => {
    const members = Array.from({ length: 20 }, (_, m) => ({ value: userIds[(g * 97 + m * 31) % users]! }));
    groupIds[g] = await post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: `Group ${g}`,
      members,
    });
  });
  return {
    label,
    server,
    scimToken: tenant.scimToken,
    graphqlToken: tenant.graphqlToken,
    userIds,
    userNames,
    groupIds,
    ceo: userIds[0]!,
    deepest: userIds[users - 1]!,
  };
}

function scimUser(userName: string, i: number, managerId: string | undefined) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    externalId: userName,
    userName,
    active: true,
    displayName: `${['Ann', 'Bob', 'Carl', 'Dana', 'Hannah'][i % 5]} ${i}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    name: { givenName: 'Bench', familyName: 'User' },
    title: i < 73 ? 'Director' : 'Specialist',
    [ENTERPRISE]: { department: `Department ${i % 20}`, ...(managerId ? { manager: { value: managerId } } : {}) },
  };
}

async function vacuum(databaseUrl: string): Promise<void> {
  await runAsOwner(databaseUrl, 'vacuum analyze');
}

async function analyze(databaseUrl: string): Promise<void> {
  await runAsOwner(databaseUrl, 'analyze');
}

async function runAsOwner(databaseUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let created = 0;
let flip = false;

const graphql = (query: string, variables: (side: Side) => Record<string, unknown> = () => ({})) =>
  ((side: Side) => ({
    method: 'POST',
    path: '/graphql',
    body: { query, variables: variables(side) },
  })) as Scenario['request'];

const SCENARIOS: Scenario[] = [
  {
    name: 'GET /Users?filter=userName eq',
    edge: 'scim',
    request: (side) => ({
      method: 'GET',
      path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${pick(side.userNames)}"`)}`,
    }),
  },
  {
    name: 'POST /Users',
    edge: 'scim',
    request: (side) => ({
      method: 'POST',
      path: '/scim/v2/Users',
      body: scimUser(`new${process.pid}-${side.label}-${created++}@bench.example`, created, undefined),
    }),
  },
  {
    name: 'PATCH /Users/{id} (default dialect)',
    edge: 'scim',
    request: (side) => {
      flip = !flip;
      return {
        method: 'PATCH',
        path: `/scim/v2/Users/${pick(side.userIds)}`,
        body: defaultDialectUserPatch(flip),
      };
    },
  },
  {
    name: 'PATCH /Groups/{id} add member',
    edge: 'scim',
    request: (side) => ({
      method: 'PATCH',
      path: `/scim/v2/Groups/${pick(side.groupIds)}`,
      body: memberAddPatch(pick(side.userIds)),
    }),
  },
  {
    name: 'GET /Groups/{id}?excludedAttributes=members',
    edge: 'scim',
    request: (side) => ({ method: 'GET', path: `/scim/v2/Groups/${pick(side.groupIds)}?excludedAttributes=members` }),
  },
  {
    name: "CEO's reports(first: 100)",
    edge: 'graphql',
    request: graphql(
      `
        query ($id: ID!) {
          user(id: $id) {
            reports(first: 100) {
              edges {
                depth
                managerId
                node {
                  id
                  displayName
                }
              }
            }
          }
        }
      `,
      (side) => ({ id: side.ceo }),
    ),
  },
  {
    name: "CEO's reportsCount",
    edge: 'graphql',
    request: graphql(
      `
        query ($id: ID!) {
          user(id: $id) {
            reportsCount
          }
        }
      `,
      (side) => ({ id: side.ceo }),
    ),
  },
  {
    name: "deepest user's managementChain",
    edge: 'graphql',
    request: graphql(
      `
        query ($id: ID!) {
          user(id: $id) {
            managementChain {
              id
              displayName
              title
            }
          }
        }
      `,
      (side) => ({
        id: side.deepest,
      }),
    ),
  },
  {
    name: 'users(search: "ann", first: 10)',
    edge: 'graphql',
    request: graphql(`
      {
        users(search: "ann", first: 10) {
          nodes {
            id
            displayName
            userName
          }
        }
      }
    `),
  },
  {
    name: '100 users with manager, department, memberOf',
    edge: 'graphql',
    request: graphql(`
      {
        users(first: 100) {
          nodes {
            id
            userName
            displayName
            manager {
              id
              displayName
            }
            department {
              id
              name
            }
            memberOf(first: 10) {
              nodes {
                id
                displayName
              }
            }
          }
        }
      }
    `),
  },
];

interface SliceResult {
  rps: number;
  p99: number;
  /** CPU time per request of the service's process and of the PostgreSQL backends of its database, in µs. */
  serviceCpu: number;
  databaseCpu: number;
}

async function runSlice(scenario: Scenario, side: Side, options: Options): Promise<SliceResult> {
  const before = readCpu(side.server.pid, side.database);
  const token = scenario.edge === 'scim' ? side.scimToken : side.graphqlToken;
  const contentType = scenario.edge === 'scim' ? 'application/scim+json' : 'application/json';
  const result = await autocannon({
    url: side.server.url,
    connections: options.connections,
    duration: options.slice,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    requests: [
      {
        setupRequest: (request) => {
          const { method, path: requestPath, body } = scenario.request(side);
          return {
            ...request,
            method,
            path: requestPath,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          };
        },
      },
    ],
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${scenario.name} on ${side.label}: ${failures} failed requests`);
  const cpu = cpuPerRequest(before, readCpu(side.server.pid, side.database), result.requests.total);
  return { rps: result.requests.average, p99: result.latency.p99, serviceCpu: cpu.server, databaseCpu: cpu.database };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const a = value('a');
  const b = value('b');
  if (!a || !b)
    throw new Error('Usage: node dist/bench/compare-builds.js --a <checkout> --b <checkout> [--edge scim|graphql]');
  const edge = value('edge') ?? 'scim';
  if (edge !== 'scim' && edge !== 'graphql') throw new Error('--edge is scim or graphql');
  return {
    a,
    b,
    edge,
    connections: Number(value('connections') ?? 10),
    pairs: Number(value('pairs') ?? 6),
    slice: Number(value('slice') ?? 5),
    users: Number(value('users') ?? 2000),
    only: value('only'),
    nodeArgs: value('node-args')?.split(' ').filter(Boolean) ?? [],
    env: Object.fromEntries(
      (value('env')?.split(' ').filter(Boolean) ?? []).map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new Error(`--env takes KEY=value pairs, not ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    ),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
