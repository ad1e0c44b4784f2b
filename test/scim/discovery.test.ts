import { startTestService, type TestService } from '../support/harness';
import { ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA } from './support/scim-client';
import { expectListResponse, expectScimError, expectScimJson, rawRequest, scimTenant } from './support/scim-suite';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

const EVERCATE = 'urn:ietf:params:scim:schemas:extension:evercate:2.0:User';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** Every key path whose value is null, anywhere in a JSON document (R-14: no nulls emitted). */
function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullPaths(item, `${path}[${index}]`));
  if (typeof value === 'object')
    return Object.entries(value as object).flatMap(([key, item]) => nullPaths(item, `${path}.${key}`));
  return [];
}

interface SchemaAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  mutability?: string;
  caseExact?: boolean;
  subAttributes?: SchemaAttribute[];
}

/**
 * The Logic-App validator's flattening of /Schemas (Schema_Discoverability_Test): names like
 * `name.givenName`, `emails.value`, `urn:…:User:employeeNumber`, lower-cased for comparison.
 */
function discoverableNames(schemas: Array<{ id: string; attributes: SchemaAttribute[] }>): Set<string> {
  const names = new Set<string>();
  for (const schema of schemas) {
    const prefix = schema.id === USER_SCHEMA || schema.id === GROUP_SCHEMA ? '' : `${schema.id}:`;
    for (const attribute of schema.attributes) {
      names.add(`${prefix}${attribute.name}`.toLowerCase());
      for (const sub of attribute.subAttributes ?? []) {
        names.add(`${prefix}${attribute.name}.${sub.name}`.toLowerCase());
      }
    }
  }
  return names;
}

/** A mapping target as the validator reduces it: `emails[type eq "work"].value` → `emails.value`. */
function flattened(target: string): string {
  return target.replace(/\[[^\]]*\]/g, '').toLowerCase();
}

describe('C-16 /Schemas (R-14, R-15)', () => {
  it('C-16 lists the User, Group, EnterpriseUser and EvercateUser schemas in a ListResponse, camelCase, without nulls', async () => {
    const { scim } = await scimTenant(service);
    const response = await scim.get('/Schemas');
    // Issue 9 adds Evercate's own extension (startDate, leaveDate) to the three RFC 7643 schemas.
    const resources = expectListResponse(response, { totalResults: 4, startIndex: 1 });
    expect(resources.map((schema) => schema.id).sort()).toEqual(
      [ENTERPRISE, EVERCATE, GROUP_SCHEMA, USER_SCHEMA].sort(),
    );
    expect(nullPaths(response.body)).toEqual([]);
    for (const schema of resources) {
      expect(schema.schemas).toEqual([SCHEMA_SCHEMA]);
      expect(schema.meta).toEqual({ resourceType: 'Schema', location: `${service.url}/scim/Schemas/${schema.id}` });
      expect(schema.attributes.length).toBeGreaterThan(0);
      for (const attribute of schema.attributes as SchemaAttribute[]) {
        expect(attribute).toMatchObject({
          name: expect.any(String),
          type: expect.any(String),
          multiValued: expect.any(Boolean),
        });
        if (attribute.mutability)
          expect(['readOnly', 'readWrite', 'immutable', 'writeOnly']).toContain(attribute.mutability);
      }
    }
    const user = resources.find((schema) => schema.id === USER_SCHEMA);
    expect(user.name).toBe('User');
    expect(user.attributes.find((a: SchemaAttribute) => a.name === 'userName')).toMatchObject({
      type: 'string',
      multiValued: false,
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    const group = resources.find((schema) => schema.id === GROUP_SCHEMA);
    expect(group.name).toBe('Group');
    expect(group.attributes.map((a: SchemaAttribute) => a.name)).toEqual(
      expect.arrayContaining(['displayName', 'members']),
    );
    const enterprise = resources.find((schema) => schema.id === ENTERPRISE);
    expect(enterprise.name).toBe('EnterpriseUser');
    expect(enterprise.attributes.map((a: SchemaAttribute) => a.name)).toEqual(
      expect.arrayContaining(['employeeNumber', 'department', 'manager']),
    );
  });

  it('C-16 serves each schema by id, and 404 for an unknown one', async () => {
    const { scim } = await scimTenant(service);
    for (const id of [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE]) {
      const response = await scim.get(`/Schemas/${id}`);
      expect(response.status).toBe(200);
      expectScimJson(response);
      expect(response.body.id).toBe(id);
      expect(response.body.schemas).toEqual([SCHEMA_SCHEMA]);
    }
    expectScimError(await scim.get('/Schemas/urn:example:nothing'), 404);
  });

  it('C-16 every attribute path Entra maps (C-35) is discoverable, ignoring case (Logic-App Schema_Discoverability_Test)', async () => {
    const { scim } = await scimTenant(service);
    const names = discoverableNames((await scim.get('/Schemas')).body.Resources);
    const targets = [
      'active',
      `${ENTERPRISE}:department`,
      'displayName',
      `${ENTERPRISE}:employeeNumber`,
      'phoneNumbers[type eq "fax"].value',
      'name.givenName',
      'title',
      'emails[type eq "work"].value',
      'externalId',
      `${ENTERPRISE}:manager`,
      'phoneNumbers[type eq "mobile"].value',
      'addresses[type eq "work"].postalCode',
      'emails[type eq "other"].Value',
      'addresses[type eq "other"].Formatted',
      'addresses[type eq "work"].streetAddress',
      'name.familyName',
      'phoneNumbers[type eq "work"].value',
      'userName',
      'preferredLanguage',
      'name.formatted',
      'roles',
      'members',
    ];
    const missing = targets.filter((target) => !names.has(flattened(target)));
    expect(missing).toEqual([]);
  });

  it('R-15 the Group schema is present (the Logic-App validator fails group tests without it), on both base paths', async () => {
    const { scimToken } = await scimTenant(service);
    for (const base of ['/scim', '/scim/v2']) {
      const response = await service.http.get(`${base}/Schemas`).set('Authorization', `Bearer ${scimToken}`);
      const ids = expectListResponse(response).map((schema) => schema.id);
      expect(ids).toContain(GROUP_SCHEMA);
    }
  });
});

describe('R-16 /ServiceProviderConfig and /ResourceTypes', () => {
  it('R-16 ServiceProviderConfig advertises PATCH, no bulk, filter, sort, ETags and bearer tokens', async () => {
    const { scim } = await scimTenant(service);
    const response = await scim.get('/ServiceProviderConfig');
    expect(response.status).toBe(200);
    expectScimJson(response);
    expect(response.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: expect.any(Number) },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    expect(nullPaths(response.body)).toEqual([]);
  });

  it('R-16 ResourceTypes lists User (endpoint /Users, enterprise extension) first, then Group', async () => {
    const { scim } = await scimTenant(service);
    const resources = expectListResponse(await scim.get('/ResourceTypes'), { totalResults: 2 });
    expect(resources[0]).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE, required: false },
        { schema: EVERCATE, required: false },
      ],
    });
    expect(resources[1]).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA });
    const user = await scim.get('/ResourceTypes/User');
    expect(user.status).toBe(200);
    expect(user.body.endpoint).toBe('/Users');
    expectScimError(await scim.get('/ResourceTypes/Device'), 404);
  });

  it('R-16 discovery answers without Accept or User-Agent, in any path case', async () => {
    const { scimToken } = await scimTenant(service);
    for (const path of ['/scim/serviceproviderconfig', '/scim/v2/SCHEMAS', '/scim/resourcetypes']) {
      const response = await rawRequest(service, {
        method: 'GET',
        path,
        headers: { Authorization: `Bearer ${scimToken}` },
      });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
    }
  });
});
