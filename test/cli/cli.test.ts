import { graphqlClient } from '../support/graphql';
import { runCli } from './support/run-cli';
import { startTestService, type TestService } from '../support/harness';

const cli = (...args: string[]) => runCli(args);

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe('the CLI', () => {
  it('creates a tenant printing exactly one JSON object whose tokens work', async () => {
    const { stdout } = await cli('tenants', 'create', '--name', 'Acme', '--json');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]!);
    expect(Object.keys(created).sort()).toEqual(['graphqlToken', 'scimToken', 'tenantId']);
    expect(created.scimToken).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(created.graphqlToken).toMatch(/^gql_[A-Za-z0-9_-]{43}$/);
    const client = graphqlClient(service, created.graphqlToken);
    await expect(client.query('{ users { totalCount } }')).resolves.toEqual({ users: { totalCount: 0 } });
  });

  it('lists tenants, and creates, lists and revokes tokens', async () => {
    const { stdout } = await cli('tenants', 'create', '--name', 'Rotate', '--json');
    const tenant = JSON.parse(stdout);
    const listed = JSON.parse((await cli('tenants', 'list', '--json')).stdout);
    expect(listed.tenants).toContainEqual(expect.objectContaining({ id: tenant.tenantId, name: 'Rotate' }));

    const issued = JSON.parse(
      (await cli('tokens', 'create', '--tenant', tenant.tenantId, '--kind', 'graphql', '--scopes', 'read', '--json'))
        .stdout,
    );
    expect(issued).toMatchObject({ kind: 'graphql', scopes: ['read'], token: expect.stringMatching(/^gql_/) });
    const tokens = JSON.parse((await cli('tokens', 'list', '--tenant', tenant.tenantId, '--json')).stdout).tokens;
    expect(tokens).toHaveLength(3);
    expect(JSON.stringify(tokens)).not.toContain(issued.token);

    const client = graphqlClient(service, issued.token);
    expect((await client.raw('{ users { totalCount } }')).status).toBe(200);
    await cli('tokens', 'revoke', '--tenant', tenant.tenantId, '--token', issued.id, '--json');
    expect((await client.raw('{ users { totalCount } }')).status).toBe(401);
  });

  it('declares, lists and deletes extension attributes, and lists the undeclared ones (issue 9)', async () => {
    const tenant = JSON.parse((await cli('tenants', 'create', '--name', 'Mapping', '--json')).stdout);
    const schema = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
    const created = JSON.parse(
      (
        await cli(
          'extensions',
          'create',
          '--tenant',
          tenant.tenantId,
          '--schema',
          schema,
          '--name',
          'costCenterCode',
          '--type',
          'STRING',
          '--unique',
          '--json',
        )
      ).stdout,
    );
    expect(created).toMatchObject({ schema, name: 'costCenterCode', type: 'string', unique: true });
    const listed = JSON.parse((await cli('extensions', 'list', '--tenant', tenant.tenantId, '--json')).stdout);
    expect(listed.extensionAttributes).toHaveLength(1);
    const client = graphqlClient(service, tenant.graphqlToken);
    expect((await client.query('{ extensionAttributes { path } }')).extensionAttributes).toEqual([
      { path: `${schema}:costCenterCode` },
    ]);
    const undeclared = JSON.parse(
      (await cli('extensions', 'undeclared', '--tenant', tenant.tenantId, '--json')).stdout,
    );
    expect(undeclared.undeclaredExtensionAttributes).toEqual([]);
    await cli(
      'extensions',
      'delete',
      '--tenant',
      tenant.tenantId,
      '--schema',
      schema,
      '--name',
      'costcentercode',
      '--json',
    );
    expect((await client.query('{ extensionAttributes { path } }')).extensionAttributes).toEqual([]);
  });

  it('explains a mistake on stderr with exit code 2', async () => {
    const result = (await cli('tokens', 'create', '--tenant', 'nope', '--kind', 'graphql')) as {
      code: number;
      stderr: string;
    };
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--tenant <tenant id>/);
  });
});
