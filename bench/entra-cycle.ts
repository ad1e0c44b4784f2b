import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { TenantService } from '../src/domain/accounts/tenants/tenant.service';
import { standInForAutovacuum } from './support/autovacuum-stand-in';
import { startBenchService } from './support/bench-service';
import { checkDirectory, type ExpectedDirectory } from './support/cycle-state';
import { memberAddPatch, PATCH_OP } from './support/scim-requests';
import { printPhases, timedPhase, type PhaseResult } from './support/timed-phase';

/**
 * An Entra initial provisioning cycle, replayed as Entra sends it, against the built service:
 * `npm run bench:entra-cycle [-- --users N --groups N --memberships N --connections N]`.
 *
 *   --users        (BENCH_USERS, 10000)       users, in an 8-ary manager tree
 *   --groups       (BENCH_GROUPS, 1000)       groups
 *   --memberships  (BENCH_MEMBERSHIPS, 50000) distinct (group, user) pairs, spread evenly over the groups
 *   --connections  (BENCH_CONNECTIONS, 10)    concurrent lanes, one keep-alive connection each
 *
 * Phases, each timed on its own: (a) users: per user `GET /Users?filter=userName eq "…"` (C-03,
 * no match: C-04) then `POST /Users` (C-01, without manager); (b) managers: one PATCH per
 * non-root user setting its manager (b.7, R-40); (c) groups: per group `GET /Groups?filter=
 * displayName eq "…"` (C-11) then `POST /Groups` with no members (C-09); (d) memberships: one
 * single-member `Add` PATCH per pair (C-13, Q-12). Entra walks objects in no particular order, so
 * each phase's order is shuffled (with a fixed seed, so runs are alike). Then the tenant's final
 * state is compared with the expected one in the database. It exits non-zero when a request failed
 * or the state differs. It reports figures; it is not a test. Where the server's autovacuum is off,
 * the bench analyzes in its place (support/autovacuum-stand-in.ts).
 */
const { values: flags } = parseArgs({
  options: {
    users: { type: 'string', default: process.env.BENCH_USERS ?? '10000' },
    groups: { type: 'string', default: process.env.BENCH_GROUPS ?? '1000' },
    memberships: { type: 'string', default: process.env.BENCH_MEMBERSHIPS ?? '50000' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '10' },
  },
});
const USERS = positive('users', flags.users);
const GROUPS = positive('groups', flags.groups);
const MEMBERSHIPS = positive('memberships', flags.memberships);
const CONNECTIONS = positive('connections', flags.connections);
if (MEMBERSHIPS > USERS * GROUPS) throw new Error(`--memberships can be at most users × groups (${USERS * GROUPS})`);

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SEED = 20_260_101;

async function main(): Promise<void> {
  const users = Array.from({ length: USERS }, (_, i) => ({
    userName: `user${i}@cycle.example`,
    // An 8-ary tree: user i reports to user ⌊(i − 1) / 8⌋, and user 0 is the root.
    manager: i === 0 ? null : Math.floor((i - 1) / 8),
  }));
  const groups = Array.from({ length: GROUPS }, (_, i) => `Cycle group ${i}`);
  // Pair k: group k mod G, and the group's (k div G)-th member counted from a per-group offset.
  const memberships = Array.from({ length: MEMBERSHIPS }, (_, k) => {
    const group = k % GROUPS;
    return { group, user: (group * 7_919 + Math.floor(k / GROUPS)) % USERS };
  });
  const random = mulberry32(SEED);

  const service = await startBenchService();
  let stopAnalyzing = async (): Promise<void> => undefined;
  try {
    stopAnalyzing = await standInForAutovacuum(service.database);
    const tenant = await new TenantService(service.database).create('entra-cycle');
    const scim = {
      base: `${service.url}/scim/v2`,
      headers: { authorization: `Bearer ${tenant.scimToken}`, 'content-type': 'application/scim+json; charset=utf-8' },
    };
    const userIds: Array<string | undefined> = [];
    const groupIds: Array<string | undefined> = [];
    const phases: PhaseResult[] = [];
    const report = (phase: PhaseResult) => {
      phases.push(phase);
      process.stdout.write(`${phase.name}: ${phase.requests} requests in ${phase.seconds.toFixed(1)} s\n`);
    };

    report(
      await timedPhase('users', shuffled([...users.keys()], random), CONNECTIONS, scim, async (i, send, fail) => {
        const { userName } = users[i]!;
        const found = await send('GET', `/Users?filter=${filter('userName', userName)}`, undefined, [200]);
        if (found && (found.json as { totalResults: number }).totalResults !== 0)
          fail('GET found the user before its POST', userName);
        const created = await send('POST', '/Users', entraUser(i, userName), [201]);
        userIds[i] = (created?.json as { id: string } | undefined)?.id;
      }),
    );
    report(
      await timedPhase(
        'managers',
        shuffled([...users.keys()].slice(1), random),
        CONNECTIONS,
        scim,
        async (i, send, fail) => {
          const id = userIds[i];
          const managerId = userIds[users[i]!.manager!];
          if (!id || !managerId) return fail('not sent: the user or its manager was not created', users[i]!.userName);
          // b.7: what Entra sends for a manager (a bare id, in the default dialect's capitalised op).
          await send(
            'PATCH',
            `/Users/${id}`,
            { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: managerId }] },
            [200, 204],
          );
        },
      ),
    );
    report(
      await timedPhase('groups', shuffled([...groups.keys()], random), CONNECTIONS, scim, async (g, send, fail) => {
        const displayName = groups[g]!;
        const path = `/Groups?excludedAttributes=members&filter=${filter('displayName', displayName)}`;
        const found = await send('GET', path, undefined, [200]);
        if (found && (found.json as { totalResults: number }).totalResults !== 0)
          fail('GET found the group before its POST', displayName);
        const created = await send('POST', '/Groups', entraGroup(displayName), [201]);
        groupIds[g] = (created?.json as { id: string } | undefined)?.id;
      }),
    );
    report(
      await timedPhase('memberships', shuffled(memberships, random), CONNECTIONS, scim, async (m, send, fail) => {
        const groupId = groupIds[m.group];
        const userId = userIds[m.user];
        if (!groupId || !userId) return fail('not sent: the group or the user was not created', groups[m.group]!);
        // C-13: one member per PATCH, as Entra sends them in bursts (Q-12).
        await send('PATCH', `/Groups/${groupId}`, memberAddPatch(userId), [200, 204]);
      }),
    );

    await stopAnalyzing();
    const requests = phases.reduce((sum, p) => sum + p.requests, 0);
    const seconds = phases.reduce((sum, p) => sum + p.seconds, 0);
    const errors = phases.reduce((sum, p) => sum + p.errors, 0);
    printPhases(
      `Entra initial cycle (${USERS} users in an 8-ary tree, ${GROUPS} groups, ${MEMBERSHIPS} memberships, ${CONNECTIONS} connections)`,
      phases,
    );
    process.stdout.write(
      `\ntotal: ${requests} requests in ${seconds.toFixed(1)} s (${Math.round(requests / seconds)} req/s), ` +
        `${errors === 0 ? '0 errors' : `${errors} ERRORS`}\n`,
    );

    const expected: ExpectedDirectory = {
      users: users.map((u) => ({
        userName: u.userName,
        managerUserName: u.manager === null ? null : users[u.manager]!.userName,
      })),
      groups,
      memberships: memberships.map((m) => ({ group: groups[m.group]!, userName: users[m.user]!.userName })),
    };
    const checking = performance.now();
    const state = await checkDirectory(service.database, tenant.tenantId, expected);
    const checked = `(checked in the database in ${((performance.now() - checking) / 1000).toFixed(1)} s)`;
    process.stdout.write(
      [
        ...state.lines.map((line) => `  ${line}`),
        `${state.ok ? 'final state: OK' : 'final state: DIFFERS'} ${checked}`,
        '',
      ].join('\n'),
    );
    if (errors > 0 || !state.ok) process.exitCode = 1;
  } finally {
    await stopAnalyzing();
    await service.stop();
  }
}

/** C-01's shape: core and enterprise schemas, emails, name, externalId, department; no manager. */
function entraUser(i: number, userName: string) {
  const givenName = `Given${i}`;
  const familyName = `Family${i % 997}`;
  return {
    schemas: [CORE_USER, ENTERPRISE],
    externalId: randomUUID(),
    userName,
    active: true,
    displayName: `${givenName} ${familyName}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: `${givenName} ${familyName}`, familyName, givenName },
    [ENTERPRISE]: { department: `Department ${i % 40}` },
  };
}

/** C-09's shape: no members. */
function entraGroup(displayName: string) {
  return {
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
    ],
    externalId: randomUUID(),
    displayName,
    meta: { resourceType: 'Group' },
  };
}

/** `attribute eq "value"`, encoded as Entra puts it on the wire (C-03). */
function filter(attribute: string, value: string): string {
  return encodeURIComponent(`${attribute} eq "${value}"`).replace(/%20/g, '+');
}

/** A copy of `items` in an order drawn from `random` (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A small seeded PRNG (mulberry32), so every run replays the same order. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not "${text}"`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
