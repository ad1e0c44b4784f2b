import { SCIM_ENTERPRISE_USER_SCHEMA, SCIM_GROUP_SCHEMA, SCIM_USER_SCHEMA } from '../../../scim-facade/schema/urns';
import { resolveAttributePath } from '../../../scim-facade/schema/resolve-attribute-path';
import { scimSchemas, type ScimAttribute } from '../../../scim-facade/schema/scim-schemas';

const byId = (id: string) => scimSchemas.find((schema) => schema.id === id)!;
const names = (attributes: ScimAttribute[] | undefined) => (attributes ?? []).map((attribute) => attribute.name);

function everyAttribute(attributes: ScimAttribute[]): ScimAttribute[] {
  return attributes.flatMap((attribute) => [attribute, ...everyAttribute(attribute.subAttributes ?? [])]);
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value as object).some(containsNull);
}

describe('SCIM schema documents (served at /Schemas)', () => {
  it('R-14 lists the User, Group and EnterpriseUser schemas', () => {
    expect(scimSchemas.map((schema) => schema.id)).toEqual([
      SCIM_USER_SCHEMA,
      SCIM_GROUP_SCHEMA,
      SCIM_ENTERPRISE_USER_SCHEMA,
    ]);
  });

  it('R-14 is RFC 7643 §7 shaped, with no null values', () => {
    for (const schema of scimSchemas) {
      expect(containsNull(schema)).toBe(false);
      expect(schema.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Schema']);
      expect(schema.meta).toEqual({ resourceType: 'Schema', location: `/Schemas/${schema.id}` });
      expect(typeof schema.name).toBe('string');
      expect(typeof schema.description).toBe('string');
      for (const attribute of everyAttribute(schema.attributes)) {
        expect(attribute).toMatchObject({
          name: expect.any(String),
          multiValued: expect.any(Boolean),
          description: expect.any(String),
          required: expect.any(Boolean),
        });
        expect(['string', 'boolean', 'dateTime', 'reference', 'complex']).toContain(attribute.type);
        expect(['readOnly', 'readWrite', 'immutable', 'writeOnly']).toContain(attribute.mutability);
        expect(['always', 'never', 'default', 'request']).toContain(attribute.returned);
        if (attribute.type === 'string' || attribute.type === 'reference') {
          expect(typeof attribute.caseExact).toBe('boolean');
        }
        if (attribute.type === 'reference') expect(attribute.referenceTypes?.length).toBeGreaterThan(0);
        expect(attribute.type === 'complex').toBe(attribute.subAttributes !== undefined);
      }
    }
  });

  it('describes exactly the core User attributes the service stores', () => {
    const user = byId(SCIM_USER_SCHEMA);
    expect(names(user.attributes)).toEqual([
      'id',
      'externalId',
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'emails',
      'phoneNumbers',
      'addresses',
      'roles',
      'groups',
    ]);
    const attribute = (name: string) => user.attributes.find((candidate) => candidate.name === name)!;
    expect(names(attribute('name').subAttributes)).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
    for (const multiValued of ['emails', 'phoneNumbers', 'roles']) {
      expect(names(attribute(multiValued).subAttributes).sort()).toEqual(['display', 'primary', 'type', 'value']);
    }
    expect(names(attribute('addresses').subAttributes).sort()).toEqual(
      ['country', 'formatted', 'locality', 'postalCode', 'primary', 'region', 'streetAddress', 'type'].sort(),
    );
    expect(attribute('userName')).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
    expect(attribute('groups')).toMatchObject({ multiValued: true, mutability: 'readOnly' });
    expect(names(attribute('groups').subAttributes)).toEqual(['value', '$ref', 'display', 'type']);
    expect(attribute('id').mutability).toBe('readOnly');
  });

  it('describes the enterprise extension with manager as a complex reference', () => {
    const enterprise = byId(SCIM_ENTERPRISE_USER_SCHEMA);
    expect(names(enterprise.attributes)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    const manager = enterprise.attributes.find((attribute) => attribute.name === 'manager')!;
    expect(manager.type).toBe('complex');
    expect(manager.subAttributes!.map((sub) => [sub.name, sub.mutability])).toEqual([
      ['value', 'readWrite'],
      ['$ref', 'readWrite'],
      ['displayName', 'readOnly'],
    ]);
  });

  it('describes the Group with a unique displayName and multi-valued members', () => {
    const group = byId(SCIM_GROUP_SCHEMA);
    expect(names(group.attributes)).toEqual(['id', 'externalId', 'displayName', 'members']);
    const attribute = (name: string) => group.attributes.find((candidate) => candidate.name === name)!;
    expect(attribute('displayName')).toMatchObject({ caseExact: false, uniqueness: 'server' });
    expect(attribute('members').multiValued).toBe(true);
    expect(names(attribute('members').subAttributes)).toEqual(['value', '$ref', 'display', 'type']);
  });
});

describe('resolveAttributePath', () => {
  it('P-14 resolves names ignoring case and returns canonical spelling', () => {
    const resolved = resolveAttributePath('User', { attribute: 'USERNAME' })!;
    expect(resolved.canonicalPath).toBe('userName');
    expect(resolved.target).toMatchObject({ type: 'string', multiValued: false, caseExact: false });
    expect(resolveAttributePath('User', { attribute: 'Name', subAttribute: 'GIVENNAME' })!.canonicalPath).toBe(
      'name.givenName',
    );
    expect(resolveAttributePath('User', { attribute: 'emails', subAttribute: 'Value' })!.canonicalPath).toBe(
      'emails.value',
    );
  });

  it('resolves URN-qualified enterprise attributes and their sub-attributes', () => {
    const department = resolveAttributePath('User', { uri: SCIM_ENTERPRISE_USER_SCHEMA, attribute: 'department' })!;
    expect(department).toMatchObject({ isExtension: true, canonicalPath: `${SCIM_ENTERPRISE_USER_SCHEMA}:department` });
    const managerValue = resolveAttributePath('User', {
      uri: SCIM_ENTERPRISE_USER_SCHEMA.toUpperCase(),
      attribute: 'manager',
      subAttribute: 'value',
    })!;
    expect(managerValue.canonicalPath).toBe(`${SCIM_ENTERPRISE_USER_SCHEMA}:manager.value`);
    expect(managerValue.canonicalAttribute).toBe(`${SCIM_ENTERPRISE_USER_SCHEMA}:manager`);
    expect(managerValue.target).toMatchObject({ name: 'value', type: 'string' });
  });

  it('resolves core-URN-qualified names', () => {
    const resolved = resolveAttributePath('User', { uri: SCIM_USER_SCHEMA, attribute: 'userName' })!;
    expect(resolved).toMatchObject({ isExtension: false, canonicalPath: 'userName' });
  });

  it('C-22 resolves the unqualified legacy "manager" to the enterprise extension', () => {
    expect(resolveAttributePath('User', { attribute: 'manager' })!.canonicalPath).toBe(
      `${SCIM_ENTERPRISE_USER_SCHEMA}:manager`,
    );
  });

  it('resolves the common meta attribute for filters', () => {
    const resolved = resolveAttributePath('Group', { attribute: 'meta', subAttribute: 'lastModified' })!;
    expect(resolved.canonicalPath).toBe('meta.lastModified');
    expect(resolved.target.type).toBe('dateTime');
  });

  it('keeps resource types apart and returns undefined for unknown names', () => {
    expect(resolveAttributePath('Group', { attribute: 'members', subAttribute: 'value' })!.canonicalPath).toBe(
      'members.value',
    );
    expect(resolveAttributePath('User', { attribute: 'members' })).toBeUndefined();
    expect(resolveAttributePath('Group', { attribute: 'userName' })).toBeUndefined();
    expect(resolveAttributePath('User', { attribute: 'emails', subAttribute: 'bogus' })).toBeUndefined();
    expect(resolveAttributePath('User', { uri: 'urn:example:unknown', attribute: 'userName' })).toBeUndefined();
    expect(resolveAttributePath('User', { attribute: 'constructor' })).toBeUndefined();
  });
});
