import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';
import { TenantTransaction } from '../../src/platform/db/tenant-transaction';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const FEED = `query($after: String, $first: Int, $types: [DirectoryChangeType!]) {
  directoryChanges(after: $after, first: $first, types: $types) {
    pageInfo { hasNextPage endCursor }
    nodes { sequence objectType objectId changeType changedFields previousManagerId managerId memberId memberType actor }
  }
}`;

async function readAll(client: GraphQLClient, after: string | null = null) {
  const changes = [];
  let cursor = after;
  for (;;) {
    const page = (await client.query(FEED, { after: cursor, first: 100 })).directoryChanges;
    changes.push(...page.nodes);
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor };
  }
}

describe('the change feed', () => {
  it('records every kind of change, with what changed', async () => {
    const client = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const start = (await client.query('{ directoryChangesLatestCursor }')).directoryChangesLatestCursor;
    const boss = await createUser(client, { userName: 'boss@x.com' });
    const hire = await createUser(client, { userName: 'hire@x.com' });
    await client.query(
      `mutation($id: ID!, $m: ID) { userUpdate(input: { id: $id, title: "Dev", managerId: $m }) { userErrors { code } } }`,
      {
        id: hire.id,
        m: boss.id,
      },
    );
    await client.query(`mutation($id: ID!) { userUpdate(input: { id: $id, active: false }) { userErrors { code } } }`, {
      id: hire.id,
    });
    await client.query(`mutation($id: ID!) { userUpdate(input: { id: $id, active: true }) { userErrors { code } } }`, {
      id: hire.id,
    });
    const group = await createGroup(client, { displayName: 'Team' });
    await client.query(
      `mutation($g: ID!, $u: ID!) { groupMembersAdd(input: { groupId: $g, memberIds: [$u] }) { userErrors { code } } }`,
      {
        g: group.id,
        u: hire.id,
      },
    );
    await client.query(`mutation($id: ID!) { userDelete(input: { id: $id }) { userErrors { code } } }`, {
      id: hire.id,
    });

    const { changes } = await readAll(client, start);
    const summary = changes.map((c: any) => [
      c.objectType,
      c.changeType,
      c.objectId === hire.id ? 'hire' : c.objectId === boss.id ? 'boss' : 'group',
    ]);
    expect(summary).toEqual([
      ['USER', 'CREATED', 'boss'],
      ['USER', 'CREATED', 'hire'],
      ['USER', 'UPDATED', 'hire'],
      ['USER', 'MANAGER_CHANGED', 'hire'],
      ['USER', 'DEACTIVATED', 'hire'],
      ['USER', 'REACTIVATED', 'hire'],
      ['GROUP', 'CREATED', 'group'],
      ['GROUP', 'MEMBER_ADDED', 'group'],
      ['GROUP', 'MEMBER_REMOVED', 'group'],
      ['USER', 'DELETED', 'hire'],
    ]);
    expect(changes[2].changedFields).toEqual(['title']);
    expect(changes[3]).toMatchObject({ previousManagerId: null, managerId: boss.id });
    expect(changes[7]).toMatchObject({ memberId: hire.id, memberType: 'USER' });
    expect(changes[0].actor).toMatch(/^graphql:/);
    const sequences = changes.map((c: any) => Number(c.sequence));
    expect(sequences).toEqual(sequences.map((_: number, i: number) => sequences[0] + i));
  });

  it('filters by kind of change and continues from a cursor with nothing new', async () => {
    const client = graphqlClient(service, (await service.createTenant()).graphqlToken);
    await createUser(client, { userName: 'a@x.com' });
    const user = await createUser(client, { userName: 'b@x.com' });
    await client.query(`mutation($id: ID!) { userUpdate(input: { id: $id, active: false }) { userErrors { code } } }`, {
      id: user.id,
    });
    const leavers = (await client.query(FEED, { types: ['DEACTIVATED'] })).directoryChanges;
    expect(leavers.nodes.map((c: any) => c.objectId)).toEqual([user.id]);
    const { cursor } = await readAll(client);
    const nothing = (await client.query(FEED, { after: cursor })).directoryChanges;
    expect(nothing).toEqual({ pageInfo: { hasNextPage: false, endCursor: cursor }, nodes: [] });
  });

  it('has no gaps or repeats while many writers commit concurrently', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const start = (await client.query('{ directoryChangesLatestCursor }')).directoryChangesLatestCursor;
    const seen: any[] = [];
    let cursor = start;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const page = (await client.query(FEED, { after: cursor, first: 100 })).directoryChanges;
        seen.push(...page.nodes);
        cursor = page.pageInfo.endCursor;
      }
    })();
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; i < 15; i++) await createUser(client, { userName: `w${writer}-${i}@x.com` });
      }),
    );
    writing = false;
    await reader;
    seen.push(...(await readAll(client, cursor)).changes);
    const sequences = seen.map((c) => Number(c.sequence));
    expect(sequences).toHaveLength(120);
    expect(new Set(seen.map((c) => c.objectId)).size).toBe(120);
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0]! + i));
  });

  it('answers CURSOR_EXPIRED for a cursor older than what was purged', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const start = (await client.query('{ directoryChangesLatestCursor }')).directoryChangesLatestCursor;
    await createUser(client, { userName: 'old@x.com' });
    await createUser(client, { userName: 'older@x.com' });
    // As the retention purge does: number the changes nobody has read yet, drop the old changes
    // and move the horizon.
    const transaction = await TenantTransaction.begin(service.database);
    await transaction.enterTenant(tenant.tenantId);
    await transaction.query(`select directory_sequence_changes(?::uuid)`, [tenant.tenantId]);
    await transaction.query(`delete from directory_changes where tenant_id = ?`, [tenant.tenantId]);
    await transaction.query(`update directory_change_counters set purged_through = last_seq where tenant_id = ?`, [
      tenant.tenantId,
    ]);
    await transaction.commit();
    const expired = await client.raw(FEED, { after: start });
    expect(expired.errors?.[0]?.extensions?.code).toBe('CURSOR_EXPIRED');
    expect(expired.errors?.[0]?.message).toMatch(/directoryChangesLatestCursor/);
    const latest = (await client.query('{ directoryChangesLatestCursor }')).directoryChangesLatestCursor;
    await expect(client.query(FEED, { after: latest })).resolves.toMatchObject({ directoryChanges: { nodes: [] } });
  });
});
