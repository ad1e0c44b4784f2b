import { startTestService, type TestService } from '../support/harness';
import { createScimGroup, createScimUser, scimClient, scimMemberIds, PATCH_OP } from './support/scim-client';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

it('walks a user and a group through their life over SCIM', async () => {
  const client = scimClient(service, (await service.createTenant()).scimToken);
  const user = await createScimUser(client, 'smoke@x.com');
  expect(user.userName).toBe('smoke@x.com');
  const found = await client.get('/Users?filter=userName+eq+%22SMOKE@x.com%22');
  expect(found.status).toBe(200);
  expect(found.body.totalResults).toBe(1);
  const patched = await client.patch(`/Users/${user.id}`, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  });
  expect(patched.status).toBe(200);
  expect(patched.body.active).toBe(false);
  const group = await createScimGroup(client, 'Smokers');
  const add = await client.operations(`/Groups/${group.id}`, [
    { op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] },
  ]);
  expect(add.status).toBe(204);
  expect(await scimMemberIds(client, group.id)).toEqual([user.id]);
  expect((await client.delete(`/Users/${user.id}`)).status).toBe(204);
  expect((await client.get(`/Users/${user.id}`)).status).toBe(404);
});
