import { TenantTransaction } from '../../src/platform/db/tenant-transaction';
import { createGroup, createUser, graphqlClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe('tenant isolation', () => {
  it("answers another tenant's objects as not found, in queries, lists and mutations", async () => {
    const acme = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const globex = graphqlClient(service, (await service.createTenant()).graphqlToken);
    const alice = await createUser(acme, { userName: 'alice@acme.com' });
    const team = await createGroup(acme, { displayName: 'Team', memberIds: [alice.id] });

    const seen = await globex.query(
      `query($u: ID!, $g: ID!) {
        user(id: $u) { id } group(id: $g) { id }
        users { totalCount } groups { totalCount }
        byGroup: users(filter: { memberOf: { groupId: $g } }) { totalCount }
      }`,
      { u: alice.id, g: team.id },
    );
    expect(seen).toEqual({
      user: null,
      group: null,
      users: { totalCount: 0 },
      groups: { totalCount: 0 },
      byGroup: { totalCount: 0 },
    });

    const update = await globex.query(
      `mutation($id: ID!) { userUpdate(input: { id: $id, title: "pwned" }) { user { id } userErrors { code } } }`,
      { id: alice.id },
    );
    expect(update.userUpdate.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const remove = await globex.query(
      `mutation($g: ID!, $u: ID!) { groupMembersRemove(input: { groupId: $g, memberIds: [$u] }) { userErrors { code } } }`,
      { g: team.id, u: alice.id },
    );
    expect(remove.groupMembersRemove.userErrors).toEqual([{ code: 'NOT_FOUND' }]);

    // Referring to another tenant's user as a manager or member is an unknown reference.
    const bob = await createUser(globex, { userName: 'bob@globex.com' });
    const manager = await globex.query(
      `mutation($id: ID!, $m: ID!) { userSetManager(input: { id: $id, managerId: $m }) { userErrors { code } } }`,
      { id: bob.id, m: alice.id },
    );
    expect(manager.userSetManager.userErrors).toEqual([{ code: 'UNKNOWN_REFERENCE' }]);

    const untouched = await acme.query(`query($id: ID!) { user(id: $id) { title version } }`, { id: alice.id });
    expect(untouched.user).toEqual({ title: null, version: 1 });
  });

  it('keeps raw SQL on the request path to the tenant: row-level security hides and refuses other rows', async () => {
    const acme = await service.createTenant();
    const globex = await service.createTenant();
    await createUser(graphqlClient(service, acme.graphqlToken), { userName: 'a1@acme.com' });
    await createUser(graphqlClient(service, acme.graphqlToken), { userName: 'a2@acme.com' });
    await createUser(graphqlClient(service, globex.graphqlToken), { userName: 'g1@globex.com' });

    const transaction = await TenantTransaction.begin(service.database);
    try {
      await transaction.enterTenant(globex.tenantId);
      // No tenant condition in these statements: only the policy keeps Acme's rows out.
      const [role] = await transaction.query<{ current_user: string }>('select current_user');
      expect(role!.current_user).toBe('evercate_directory_request');
      const visible = await transaction.query<{ user_name: string }>('select user_name from users order by user_name');
      expect(visible).toEqual([{ user_name: 'g1@globex.com' }]);
      const tenants = await transaction.query<{ id: string }>('select id from tenants');
      expect(tenants).toEqual([{ id: globex.tenantId }]);
      const changed = await transaction.query<{ id: string }>(
        `update users set title = 'pwned' where tenant_id = ? returning id`,
        [acme.tenantId],
      );
      expect(changed).toEqual([]);
      await expect(
        transaction.query(`insert into users (tenant_id, id, user_name) values (?, gen_random_uuid(), 'intruder')`, [
          acme.tenantId,
        ]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await transaction.rollback();
    }
  });
  it('puts every table with a tenant_id under the tenant policy (a new table cannot be forgotten)', async () => {
    const tables = await service.database.execute<{ table_name: string; rls: boolean; policy: string | null }>({
      text: `select c.relname as table_name, c.relrowsecurity as rls,
                (select p.polname from pg_policy p
                  where p.polrelid = c.oid and p.polname = c.relname || '_tenant_isolation') as policy
           from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
            and exists (select 1 from pg_attribute a
                         where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
          order by 1`,
      params: [],
    });
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const table of tables) {
      expect(table).toEqual({
        table_name: table.table_name,
        rls: true,
        policy: `${table.table_name}_tenant_isolation`,
      });
    }
  });
});
