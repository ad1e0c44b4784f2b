import type { Response } from 'supertest';
import type { TestService } from '../../support/harness';

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** A SCIM client holding one tenant's secret token, as Entra does; paths are below the Tenant URL. */
export function scimClient(service: TestService, token: string, base = '/scim') {
  const send = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    let request = service.http[method](`${base}${path}`).set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    if (body !== undefined) {
      request = request.set('Content-Type', 'application/scim+json; charset=utf-8').send(JSON.stringify(body));
    }
    return request.then((response: Response) => response);
  };
  return {
    get: (path: string, headers?: Record<string, string>) => send('get', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => send('post', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => send('put', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => send('patch', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => send('delete', path, undefined, headers),
    /** A PATCH with the given operations. */
    operations: (path: string, operations: unknown[], headers?: Record<string, string>) =>
      send('patch', path, { schemas: [PATCH_OP], Operations: operations }, headers),
  };
}

export type ScimClient = ReturnType<typeof scimClient>;

/** The C-01 body Entra sends to create a user. */
export function entraUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    externalId: `ext-${userName}`,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
    ...extra,
  };
}

export async function createScimUser(client: ScimClient, userName: string, extra: Record<string, unknown> = {}) {
  const response = await client.post('/Users', entraUser(userName, extra));
  if (response.status !== 201) throw new Error(`POST /Users ${response.status}: ${response.text}`);
  return response.body as { id: string } & Record<string, any>;
}

export async function createScimGroup(client: ScimClient, displayName: string, memberIds: string[] = []) {
  const response = await client.post('/Groups', {
    schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
    externalId: `ext-${displayName}`,
    displayName,
    members: memberIds.map((value) => ({ value })),
    meta: { resourceType: 'Group' },
  });
  if (response.status !== 201) throw new Error(`POST /Groups ${response.status}: ${response.text}`);
  return response.body as { id: string } & Record<string, any>;
}

/** Ids of a group's members, read back over SCIM. */
export async function scimMemberIds(client: ScimClient, groupId: string): Promise<string[]> {
  const response = await client.get(`/Groups/${groupId}`);
  return ((response.body.members ?? []) as Array<{ value: string }>).map((member) => member.value).sort();
}
