import { MAX_ORG_DEPTH } from '../../src/domain/directory/shared/org-depth';
import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { startTestService, type TestService } from '../support/harness';
import { createScimUser, ENTERPRISE, type ScimClient } from '../scim/support/scim-client';
import { inParallel, scimTenant } from '../scim/support/scim-suite';
import type { GraphQLClient } from '../support/graphql';

/**
 * Manager changes lock the management chains they touch, not the tenant's whole tree
 * (migrations/sql/030-tree-cycles.sql): changes in different parts of the tree run side by side,
 * and a cycle is still refused under any interleaving.
 */
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const MANAGER = `${ENTERPRISE}:manager`;

function setManager(scim: ScimClient, userId: string, managerId: string | null) {
  return scim.operations(
    `/Users/${userId}`,
    managerId === null ? [{ op: 'Remove', path: MANAGER }] : [{ op: 'Replace', path: MANAGER, value: managerId }],
  );
}

/** Settles after `ms` with 'pending', so a test can tell a request that waits from one that answered. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

describe('manager changes in different parts of a tree', () => {
  it('do not wait for each other; a change through the moving user waits for it, then applies', async () => {
    const { tenantId, scim, graphql } = await scimTenant(service);
    const root = await createScimUser(scim, 'root@x.com');
    const make = async (name: string, managerId: string) =>
      createScimUser(scim, name, { [ENTERPRISE]: { manager: { value: managerId } } });
    const a1 = await make('a1@x.com', root.id);
    const a2 = await make('a2@x.com', a1.id);
    const a3 = await make('a3@x.com', a2.id);
    const b1 = await make('b1@x.com', root.id);
    const b2 = await make('b2@x.com', b1.id);
    const b3 = await make('b3@x.com', b2.id);
    const x = await make('x@x.com', root.id);

    // Another request moving a2 under x, holding its locks until it commits.
    const moving = await TenantTransaction.begin(service.database);
    try {
      await moving.enterTenant(tenantId);
      await moving.query('update users set manager_id = ? where tenant_id = ? and id = ?', [x.id, tenantId, a2.id]);

      // Elsewhere in the tree (sharing only root above): answered while a2's move is open.
      const elsewhere = await within(setManager(scim, b3.id, b1.id), 5_000);
      expect(elsewhere === 'pending' ? 'pending' : elsewhere.status).toBe(200);

      // a3's chain passes through a2: its move waits for a2's to commit...
      const through = setManager(scim, a3.id, b2.id);
      expect(await within(through, 700)).toBe('pending');
      await moving.commit();
      // ...and then applies on the tree as a2's move left it.
      expect((await through).status).toBe(200);
    } finally {
      await moving.rollback();
    }

    const chains = await managementChains(graphql);
    expect(chains.get(a2.id)).toEqual([x.id, root.id]);
    expect(chains.get(a3.id)).toEqual([b2.id, b1.id, root.id]);
    expect(chains.get(b3.id)).toEqual([b1.id, root.id]);
  });
});

describe('many concurrent manager changes across a large tree', () => {
  it('leave a tree without cycles that is exactly what was acknowledged, with reporting lines to match', async () => {
    const { scim, graphql } = await scimTenant(service);
    const USERS = 160;
    // A 4-ary tree, built top down.
    const ids: string[] = [];
    const managerOf = new Map<string, string | null>();
    for (let i = 0; i < USERS; i++) {
      const managerId = i === 0 ? null : ids[Math.floor((i - 1) / 4)]!;
      const user = await createScimUser(
        scim,
        `race${i}@x.com`,
        managerId ? { [ENTERPRISE]: { manager: { value: managerId } } } : {},
      );
      ids.push(user.id);
      managerOf.set(user.id, managerId);
    }

    let random = 42;
    const next = (n: number) => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return random % n;
    };
    for (let round = 0; round < 3; round++) {
      // Each user moves at most once a round, so what was acknowledged decides its manager. New
      // managers are drawn from anywhere, below the user too: some moves would close a cycle.
      const movers = [...ids].sort(() => next(3) - 1).slice(0, 100);
      const moves = movers.map((userId) => {
        const draw = next(20);
        return { userId, managerId: draw === 0 ? null : ids[next(USERS)]! };
      });
      const statuses = await inParallel(
        10,
        moves.map((move) => async () => (await setManager(scim, move.userId, move.managerId)).status),
      );
      expect(statuses.filter((status) => status !== 200 && status !== 400)).toEqual([]);
      moves.forEach((move, i) => {
        if (statuses[i] === 200) managerOf.set(move.userId, move.managerId);
      });
      // Only setting a manager can be refused (as a cycle), never removing one.
      const refused = moves.filter((_, i) => statuses[i] === 400);
      for (const move of refused) expect(move.managerId).not.toBeNull();

      const chains = await managementChains(graphql);
      for (const userId of ids) {
        const expected: string[] = [];
        for (let up = managerOf.get(userId) ?? null; up !== null; up = managerOf.get(up) ?? null) {
          expect({ round, userId, cycle: expected.includes(up) }).toEqual({ round, userId, cycle: false });
          expected.push(up);
        }
        // managementChain reads the reporting lines, up to MAX_ORG_DEPTH levels.
        const shown = expected.slice(0, MAX_ORG_DEPTH);
        expect({ round, userId, chain: chains.get(userId) }).toEqual({ round, userId, chain: shown });
      }
    }
  });
});

/** Every user's managementChain (nearest first) as GraphQL reads it from the reporting lines. */
async function managementChains(graphql: GraphQLClient): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>();
  let after: string | null = null;
  for (;;) {
    const data: any = await graphql.query(
      `query($after: String) { users(first: 100, after: $after) {
         pageInfo { hasNextPage endCursor }
         nodes { id manager { id } managementChain { id } } } }`,
      { after },
    );
    for (const node of data.users.nodes) {
      const chain = node.managementChain.map((m: { id: string }) => m.id);
      expect(chain[0] ?? null).toBe(node.manager?.id ?? null);
      chains.set(node.id, chain);
    }
    if (!data.users.pageInfo.hasNextPage) return chains;
    after = data.users.pageInfo.endCursor;
  }
}
