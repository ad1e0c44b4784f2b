import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { TenantService } from '../src/domain/accounts/tenants/tenant.service';
import type { Database } from '../src/platform/db/database';
import { TenantTransaction } from '../src/platform/db/tenant-transaction';
import { runScenario, startBenchService } from './support/bench-service';

/**
 * Hostile input against one instance with two tenants: `npm run bench:abuse`. An attacker holding
 * the lowest credentials of one tenant (a read token, its SCIM token) runs each attack for a few
 * seconds while a victim tenant's SCIM and GraphQL latency is measured, beside the same
 * measurement on a quiet service; /healthz is sampled throughout. Then the property tests run with
 * many more cases than CI tries. It reports; it does not pass or fail.
 */
const ATTACKER_USERS = Number(process.env.BENCH_ATTACKER_USERS ?? 20_000);
const ATTACK_SECONDS = Number(process.env.BENCH_ATTACK_SECONDS ?? 6);
const PROPERTY_RUNS = Number(process.env.BENCH_PROPERTY_RUNS ?? 1_000);

interface Attack {
  name: string;
  /** Starts the attack; resolves with the attacker's answers by status when `stop` is called. */
  start(): { stop(): Promise<Record<string, number>> };
}

async function main(): Promise<void> {
  const service = await startBenchService({ GRAPHQL_RATE_LIMIT_PER_MINUTE: '0' });
  try {
    const tenants = new TenantService(service.database);
    const attacker = await tenants.create('abuse-attacker');
    const victim = await tenants.create('abuse-victim');
    await seedUsers(service.database, attacker.tenantId, ATTACKER_USERS);
    await seedUsers(service.database, victim.tenantId, 1_000);
    await service.database.execute({ text: 'vacuum analyze', params: [] });
    const attackerRead = await readToken(service.url, attacker.graphqlToken);

    /** `body` is the JSON text itself: a 10,000-level document is too deep for JSON.stringify. */
    const graphql = (token: string, body: string) =>
      fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const query = (text: string) => JSON.stringify({ query: text });
    const flood = (concurrency: number, request: () => Promise<Response>): ReturnType<Attack['start']> => {
      let running = true;
      const statuses: Record<string, number> = {};
      const lanes = Array.from({ length: concurrency }, async () => {
        while (running) {
          const status = await Promise.resolve()
            .then(request)
            .then(
              async (response) => {
                await response.arrayBuffer();
                return String(response.status);
              },
              () => 'error',
            );
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      });
      return {
        async stop() {
          running = false;
          await Promise.all(lanes);
          return statuses;
        },
      };
    };
    // The body is built once per attack: building a 370 KB document per request would load the
    // event loop that measures the victim, which is this process's too.
    const floodGraphQL = (concurrency: number, body: string) => flood(concurrency, () => graphql(attackerRead, body));

    const attacks: Attack[] = [
      {
        name: '23-level fragment fan-out',
        start: () => floodGraphQL(10, query(fanOut(23))),
      },
      {
        name: '10,000 chained fragments',
        start: () => floodGraphQL(10, query(chainedFragments(10_000))),
      },
      {
        name: 'filter nested 10,000 `not` levels in variables',
        start: () =>
          floodGraphQL(
            10,
            `{"query":"query($f: UserFilterInput) { users(filter: $f) { totalCount } }","variables":{"f":${nestedNot(10_000)}}}`,
          ),
      },
      {
        name: '4,000 aliases of users(first: 1) { totalCount }',
        start: () => floodGraphQL(10, query(aliases(4_000, 'users(first: 1) { totalCount }'))),
      },
      {
        name: 'heaviest allowed GraphQL (counts and a search at the cost limit), 20 at once',
        start: () => floodGraphQL(20, query(heaviestAllowed())),
      },
      {
        name: 'heavy SCIM lists (substring filter, 100 per page), 20 at once',
        start: () =>
          flood(20, () =>
            fetch(`${service.url}/scim/Users?count=100&filter=${encodeURIComponent('displayName co "a"')}`, {
              headers: { authorization: `Bearer ${attacker.scimToken}` },
            }),
          ),
      },
      {
        name: '50 slow request bodies (a byte every 500 ms)',
        start: () => slowBodies(service.url, attacker.scimToken, 50),
      },
      {
        name: 'invalid tokens, 20 at once',
        start: () =>
          flood(20, () =>
            fetch(`${service.url}/scim/Users?count=1`, { headers: { authorization: `Bearer scim_${Math.random()}` } }),
          ),
      },
    ];

    const quiet = await victimLatency(service.url, victim);
    const rows: string[] = [];
    for (const attack of attacks) {
      const running = attack.start();
      await sleep(500);
      const during = await victimLatency(service.url, victim);
      const answers = await running.stop();
      rows.push(
        `| ${attack.name} | ${during.scimP99} (${quiet.scimP99}) | ${during.graphqlP99} (${quiet.graphqlP99}) | ` +
          `${during.healthzMax} | ${during.victimFailures} | ${formatStatuses(answers)} |`,
      );
      await sleep(1_000);
    }
    process.stdout.write(
      [
        '',
        `## Hostile input (attacker tenant ${ATTACKER_USERS} users, victim 1,000; ${ATTACK_SECONDS} s per attack)`,
        '',
        'Victim p99 in ms during the attack (quiet in brackets); /healthz: slowest answer in ms while it ran.',
        '',
        '| attack | victim SCIM p99 | victim GraphQL p99 | /healthz max | victim non-2xx | attacker answers |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n') + '\n',
    );
  } finally {
    await service.stop();
  }
  runProperties();
}

/** The victim's SCIM user lookups and GraphQL pages, 2 connections each, with /healthz sampled meanwhile. */
async function victimLatency(url: string, victim: { scimToken: string; graphqlToken: string }) {
  let sampling = true;
  let healthzMax = 0;
  const sampler = (async () => {
    while (sampling) {
      const started = performance.now();
      await fetch(`${url}/healthz`).then((response) => response.arrayBuffer());
      healthzMax = Math.max(healthzMax, performance.now() - started);
      await sleep(50);
    }
  })();
  const duration = Math.max(2, Math.floor(ATTACK_SECONDS / 2));
  const [scim, graphql] = await Promise.all([
    runScenario('victim SCIM', {
      url: `${url}/scim/Users?filter=${encodeURIComponent('userName eq "user17@abuse.example"')}`,
      headers: { authorization: `Bearer ${victim.scimToken}` },
      connections: 2,
      duration,
    }),
    runScenario('victim GraphQL', {
      url: `${url}/graphql`,
      method: 'POST',
      headers: { authorization: `Bearer ${victim.graphqlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ users(first: 20) { nodes { id userName manager { id } } } }' }),
      connections: 2,
      duration,
    }),
  ]);
  sampling = false;
  await sampler;
  return {
    scimP99: scim.p99,
    graphqlP99: graphql.p99,
    healthzMax: Math.round(healthzMax),
    victimFailures: scim.failures + graphql.failures,
  };
}

/** Sockets that send a SCIM POST's headers, then its body one byte at a time. */
function slowBodies(url: string, token: string, count: number): ReturnType<Attack['start']> {
  const { port } = new URL(url);
  const statuses: Record<string, number> = {};
  const sockets = Array.from({ length: count }, () => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(chunk.toString())?.[1] ?? 'other';
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    socket.write(
      `POST /scim/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        'Content-Type: application/scim+json\r\nContent-Length: 200\r\n\r\n{',
    );
    const drip = setInterval(() => socket.write(' '), 500);
    return { socket, drip };
  });
  return {
    async stop() {
      for (const { socket, drip } of sockets) {
        clearInterval(drip);
        socket.destroy();
      }
      return statuses;
    },
  };
}

/** The property tests with many more cases than CI tries, each answer bounded in time. */
function runProperties(): void {
  const started = Date.now();
  const result = spawnSync(
    'npx',
    ['jest', 'test/scim/properties.test.ts', 'test/graphql/guard-properties.test.ts', '--silent'],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, FC_RUNS: String(PROPERTY_RUNS) },
      encoding: 'utf8',
    },
  );
  const summary = /Tests:.*$/m.exec(result.stderr)?.[0] ?? 'no summary';
  process.stdout.write(
    `\n## Property tests, ${PROPERTY_RUNS} cases each (never 5xx, every answer bounded in time)\n\n` +
      `${summary} in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}

function fanOut(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on Query { __typename }`
      : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `{ ...F0 } ${fragments.join(' ')}`;
}

function chainedFragments(count: number): string {
  const fragments = Array.from({ length: count }, (_, i) =>
    i === count - 1 ? `fragment F${i} on Query { __typename }` : `fragment F${i} on Query { ...F${i + 1} }`,
  );
  return `{ ...F0 } ${fragments.join(' ')}`;
}

/** `{"not":{"not":…{"userName":{"eq":"x"}}…}}` as JSON text. */
function nestedNot(depth: number): string {
  return `${'{"not":'.repeat(depth)}{"userName":{"eq":"x"}}${'}'.repeat(depth)}`;
}

function aliases(count: number, field: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

/** As much as the default cost limit lets one request ask: counts and a substring search. */
function heaviestAllowed(): string {
  return `{ s: users(search: "an", first: 20) { nodes { id } } ${Array.from(
    { length: 8 },
    (_, i) =>
      `c${i}: users(first: 1, filter: { displayName: { contains: "${String.fromCharCode(97 + i)}" } }) { totalCount }`,
  ).join(' ')} }`;
}

/** A read-scoped token for the attacker: the lowest credential a client can hold. */
async function readToken(url: string, adminToken: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation { apiTokenCreate(input: { kind: GRAPHQL, name: "attacker", scopes: [READ] }) { secret } }',
    }),
  });
  const body = (await response.json()) as { data?: { apiTokenCreate: { secret: string } } };
  if (!body.data) throw new Error(`could not issue a read token: ${JSON.stringify(body)}`);
  return body.data.apiTokenCreate.secret;
}

async function seedUsers(database: Database, tenantId: string, count: number): Promise<void> {
  const transaction = await TenantTransaction.begin(database);
  try {
    await transaction.enterTenant(tenantId);
    await transaction.query(`select set_config('statement_timeout', '0', true)`);
    await transaction.query(
      `insert into users (tenant_id, id, user_name, display_name, given_name, family_name, emails)
       select ?, gen_random_uuid(), 'user' || n || '@abuse.example', 'Anna ' || n, 'Anna', 'User ' || n,
              jsonb_build_array(jsonb_build_object('value', 'user' || n || '@abuse.example', 'type', 'work'))
         from generate_series(1, ?) as n`,
      [tenantId, count],
    );
    await transaction.commit();
  } finally {
    await transaction.rollback();
  }
}

function formatStatuses(statuses: Record<string, number>): string {
  return (
    Object.entries(statuses)
      .sort()
      .map(([status, n]) => `${n}× ${status}`)
      .join(', ') || 'none'
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
