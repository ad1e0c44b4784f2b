import { TenantService } from '../src/domain/accounts/tenants/tenant.service';
import { inParallel, printResults, runScenario, startBenchService } from './support/bench-service';

/**
 * SCIM load as Entra produces it: `npm run bench:scim`. Seeds a tenant over SCIM, then measures
 * each request kind for 10 s with 10 connections. Figures go in the README.
 */
const SEED_USERS = Number(process.env.BENCH_USERS ?? 2000);
const SEED_GROUPS = 50;
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

async function main(): Promise<void> {
  const service = await startBenchService();
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
    const userIds: string[] = [];
    await inParallel([...Array(SEED_USERS).keys()], 10, async (i) => {
      userIds.push((await post('/Users', entraUser(`seed${i}@bench.example`))).id);
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
    process.stdout.write(
      `Seeded ${SEED_USERS} users and ${SEED_GROUPS} groups over SCIM in ${Date.now() - started} ms.\n`,
    );
    // Vacuumed and analyzed, as autovacuum would leave the tables soon after a load (it needs the owner).
    await service.database.execute({ text: 'vacuum analyze', params: [] });

    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    /** One scenario: `next` gives each request's path (and body), as Entra would vary them. */
    const scenario = (name: string, method: 'GET' | 'POST' | 'PATCH', next: () => { path: string; body?: unknown }) =>
      runScenario(name, {
        url: base,
        headers,
        requests: [
          {
            method,
            setupRequest: (request) => {
              const { path, body } = next();
              return {
                ...request,
                path: `/scim/v2${path}`,
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
              };
            },
          },
        ],
      });
    let created = 0;
    let flip = false;
    const results = [
      await scenario('GET /Users?filter=userName eq "…"', 'GET', () => ({
        path: `/Users?filter=${encodeURIComponent(`userName eq "seed${Math.floor(Math.random() * SEED_USERS)}@bench.example"`)}`,
      })),
      await scenario('POST /Users', 'POST', () => ({
        path: '/Users',
        body: entraUser(`new${process.pid}-${created++}@bench.example`),
      })),
      await scenario('PATCH /Users/{id} (Entra default dialect)', 'PATCH', () => {
        flip = !flip;
        return {
          path: `/Users/${pick(userIds)}`,
          body: {
            schemas: [PATCH_OP],
            Operations: [
              { op: 'Replace', path: 'displayName', value: `Name ${Math.random()}` },
              { op: 'Replace', path: 'emails[type eq "work"].value', value: `w${Math.random()}@bench.example` },
              { op: 'Replace', path: 'active', value: flip ? 'True' : 'False' },
            ],
          },
        };
      }),
      await scenario('PATCH /Groups/{id} add member', 'PATCH', () => ({
        path: `/Groups/${pick(groupIds)}`,
        body: {
          schemas: [PATCH_OP],
          Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: pick(userIds) }] }],
        },
      })),
      await scenario('GET /Groups/{id}?excludedAttributes=members', 'GET', () => ({
        path: `/Groups/${pick(groupIds)}?excludedAttributes=members`,
      })),
    ];
    printResults(`SCIM load (${SEED_USERS} users, ${SEED_GROUPS} groups, 10 connections, 10 s each)`, results);
  } finally {
    await service.stop();
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
