import { graphqlClient } from '../support/graphql';
import { runCli } from './support/run-cli';
import { startTestService, type TestService } from '../support/harness';
import { webhook } from '../webhooks/support/webhooks';

const cli = (...args: string[]) => runCli(args);

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe('the CLI for webhooks', () => {
  it('creates, lists, pauses, rotates and deletes webhooks', async () => {
    const tenant = await service.createTenant();
    const client = graphqlClient(service, tenant.graphqlToken);
    const json = async (...args: string[]) =>
      JSON.parse((await cli('webhooks', ...args, '--tenant', tenant.tenantId, '--json')).stdout);

    const created = await json('create', '--url', 'https://hooks.example.com/cli', '--types', 'created,DEACTIVATED');
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/cli',
      changeTypes: ['created', 'deactivated'],
      status: 'active',
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect((await webhook(client, created.id)).changeTypes).toEqual(['CREATED', 'DEACTIVATED']);

    const listed = await json('list');
    expect(listed.webhooks).toEqual([expect.objectContaining({ id: created.id })]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    expect(await json('pause', '--webhook', created.id)).toMatchObject({ status: 'paused' });
    const rotated = await json('rotate-secret', '--webhook', created.id, '--previous-valid-hours', '1');
    expect(rotated.secret).toMatch(/^whsec_/);
    expect((await webhook(client, created.id)).signingSecrets).toHaveLength(2);
    await json('delete', '--webhook', created.id);
    expect(await webhook(client, created.id)).toBeNull();
  });

  it('explains a mistake on stderr with exit code 2', async () => {
    const tenant = await service.createTenant();
    const refused = (await cli(
      'webhooks',
      'create',
      '--tenant',
      tenant.tenantId,
      '--url',
      'http://hooks.example.com',
    )) as {
      code: number;
      stderr: string;
    };
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/https/);
    const untyped = (await cli(
      'webhooks',
      'create',
      '--tenant',
      tenant.tenantId,
      '--url',
      'https://h.example.com',
      '--types',
      'hired',
    )) as {
      code: number;
      stderr: string;
    };
    expect(untyped.code).toBe(2);
    expect(untyped.stderr).toMatch(/Unknown change type hired/);
  });
});
