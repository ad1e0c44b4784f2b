export interface ScimMultiValue {
  value?: string | null;
  type?: string | null;
  primary?: boolean | null;
  display?: string | null;
  [other: string]: unknown;
}

export interface ScimAddress {
  type?: string | null;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  primary?: boolean | null;
  [other: string]: unknown;
}

export interface ScimManager {
  value?: string | null;
  $ref?: string | null;
  displayName?: string | null;
}

export interface ScimEnterpriseUser {
  employeeNumber?: string | null;
  costCenter?: string | null;
  organization?: string | null;
  division?: string | null;
  department?: string | null;
  manager?: ScimManager | null;
}

/**
 * A SCIM User resource as this service reads and writes it (canonical attribute names). PATCH is
 * applied to this shape; the result is mapped to a GraphQL userUpdate.
 */
export interface ScimUser {
  schemas?: string[];
  id?: string;
  externalId?: string | null;
  userName?: string | null;
  name?: {
    formatted?: string | null;
    familyName?: string | null;
    givenName?: string | null;
    middleName?: string | null;
    honorificPrefix?: string | null;
    honorificSuffix?: string | null;
  } | null;
  displayName?: string | null;
  nickName?: string | null;
  profileUrl?: string | null;
  title?: string | null;
  userType?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  timezone?: string | null;
  active?: boolean | null;
  emails?: ScimMultiValue[] | null;
  phoneNumbers?: ScimMultiValue[] | null;
  addresses?: ScimAddress[] | null;
  roles?: ScimMultiValue[] | null;
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'?: ScimEnterpriseUser | null;
  meta?: Record<string, unknown>;
}
