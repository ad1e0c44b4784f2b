import { TenantService } from '../src/domain/accounts/tenants/tenant.service';
import {
  inParallel,
  printFloorComparison,
  runScenario,
  startBenchService,
  type FloorComparison,
} from './support/bench-service';
import { startFloor, type Floor } from './support/floor';
import { databaseOf } from './support/process-cpu';
import { defaultDialectUserPatch, memberAddPatch, pick } from './support/scim-requests';

/**
 * SCIM load as Entra produces it: `npm run bench:scim`. Seeds a tenant over SCIM, then measures
 * each request kind for 10 s with 10 connections. Right after each user scenario the same
 * requests go to the floor (support/floor-server.ts: one pg query per request, on the same
 * database, seeded with the same users), and the table gives the service's ratio to it, and a
 * second where each request's CPU went on both. Figures go in the README.
 */
const SEED_USERS = Number(process.env.BENCH_USERS ?? 2000);
const SEED_GROUPS = 50;

/** Where a scenario's requests go: the service's SCIM base or the floor's, its process and its users. */
interface Target {
  url: string;
  pid: number;
  prefix: string;
  userIds: readonly string[];
}

async function main(): Promise<void> {
  const service = await startBenchService();
  let floor: Floor | undefined;
  try {
    const tenant = await new TenantService(service.database).create('scim-bench');
    const headers = { authorization: `Bearer ${tenant.scimToken}`, 'content-type': 'application/scim+json' };
    const base = `${service.url}/scim/v2`;
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (response.status !== 201) throw new Error(`seeding ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string };
    };

    const started = Date.now();
    const seedUsers = Array.from({ length: SEED_USERS }, (_, i) => entraUser(`seed${i}@bench.example`));
    const userIds: string[] = [];
    await inParallel(seedUsers, 10, async (user) => {
      userIds.push((await post('/Users', user)).id);
    });
    const groupIds: string[] = [];
    await inParallel([...Array(SEED_GROUPS).keys()], 10, async (i) => {
      groupIds.push(
        (
          await post('/Groups', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: `Group ${i}`,
            members: [],
          })
        ).id,
      );
    });
    floor = await startFloor(service.database, service.databaseUrl, seedUsers);
    process.stdout.write(
      `Seeded ${SEED_USERS} users and ${SEED_GROUPS} groups over SCIM in ${Date.now() - started} ms, and the floor's ${SEED_USERS} users.\n`,
    );
    // Vacuumed and analyzed, as autovacuum would leave the tables soon after a load (it needs the owner).
    await service.database.execute({ text: 'vacuum analyze', params: [] });

    const serviceTarget: Target = { url: service.url, pid: service.pid, prefix: '/scim/v2', userIds };
    const floorTarget: Target = { url: floor.url, pid: floor.pid, prefix: '', userIds: floor.userIds };
    // The service's and the floor's backends share the database; only one of them is under load at a time.
    const database = databaseOf(service.databaseUrl);
    /** One scenario on one target: `next` gives each request's path (and body), as Entra would vary them. */
    const scenario = (
      name: string,
      target: Target,
      method: 'GET' | 'POST' | 'PATCH',
      next: (target: Target) => { path: string; body?: unknown },
    ) =>
      runScenario(
        name,
        {
          url: target.url,
          headers,
          requests: [
            {
              method,
              setupRequest: (request) => {
                const { path, body } = next(target);
                return {
                  ...request,
                  path: `${target.prefix}${path}`,
                  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
                };
              },
            },
          ],
        },
        { serverPid: target.pid, database },
      );
    /** The scenario on the service, then at once on the floor. */
    const withFloor = async (
      name: string,
      method: 'GET' | 'POST' | 'PATCH',
      next: (target: Target) => { path: string; body?: unknown },
    ): Promise<FloorComparison> => ({
      service: await scenario(name, serviceTarget, method, next),
      floor: await scenario(`${name} (floor)`, floorTarget, method, next),
    });
    let created = 0;
    let flip = false;
    const results: FloorComparison[] = [
      await withFloor('GET /Users?filter=userName eq "…"', 'GET', () => ({
        path: `/Users?filter=${encodeURIComponent(`userName eq "seed${Math.floor(Math.random() * SEED_USERS)}@bench.example"`)}`,
      })),
      await withFloor('POST /Users', 'POST', () => ({
        path: '/Users',
        body: entraUser(`new${process.pid}-${created++}@bench.example`),
      })),
      await withFloor('PATCH /Users/{id} (Entra default dialect)', 'PATCH', (target) => {
        flip = !flip;
        return { path: `/Users/${pick(target.userIds)}`, body: defaultDialectUserPatch(flip) };
      }),
      {
        service: await scenario('PATCH /Groups/{id} add member', serviceTarget, 'PATCH', () => ({
          path: `/Groups/${pick(groupIds)}`,
          body: memberAddPatch(pick(userIds)),
        })),
      },
      {
        service: await scenario('GET /Groups/{id}?excludedAttributes=members', serviceTarget, 'GET', () => ({
          path: `/Groups/${pick(groupIds)}?excludedAttributes=members`,
        })),
      },
    ];
    printFloorComparison(
      `SCIM load (${SEED_USERS} users, ${SEED_GROUPS} groups, 10 connections, 10 s each; floor in the same run)`,
      results,
    );
  } finally {
    try {
      await floor?.stop();
    } finally {
      await service.stop();
    }
  }
}

function entraUser(userName: string) {
  return {
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    externalId: userName,
    userName,
    active: true,
    displayName: userName,
    emails: [{ primary: true, type: 'work', value: userName }],
    name: { givenName: 'Bench', familyName: 'User' },
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Benchmarks' },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
