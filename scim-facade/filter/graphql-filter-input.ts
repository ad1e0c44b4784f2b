/**
 * The GraphQL filter inputs of schema/schema.graphql as plain JSON (usable as operation
 * variables; DateTime values are ISO-8601 strings). A SCIM filter translates into these.
 */

export interface StringFilter {
  eq?: string;
  ne?: string;
  in?: string[];
  startsWith?: string;
  endsWith?: string;
  contains?: string;
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  present?: boolean;
  caseSensitive?: boolean;
}

export interface IdFilter {
  eq?: string;
  ne?: string;
  in?: string[];
  present?: boolean;
}

export interface DateTimeFilter {
  eq?: string;
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
}

/** Filters that combine with and/or/not. */
export interface BooleanTree<F> {
  and?: F[];
  or?: F[];
  not?: F;
}

export interface MultiValueFilterInput extends BooleanTree<MultiValueFilterInput> {
  value?: StringFilter;
  type?: StringFilter;
  display?: StringFilter;
  primary?: boolean;
}

export interface AddressFilterInput extends BooleanTree<AddressFilterInput> {
  type?: StringFilter;
  formatted?: StringFilter;
  streetAddress?: StringFilter;
  locality?: StringFilter;
  region?: StringFilter;
  postalCode?: StringFilter;
  country?: StringFilter;
  primary?: boolean;
}

export interface MemberOfFilter {
  groupId: string;
  transitive?: boolean;
}

export interface UserFilterInput extends BooleanTree<UserFilterInput> {
  id?: IdFilter;
  externalId?: StringFilter;
  userName?: StringFilter;
  displayName?: StringFilter;
  givenName?: StringFilter;
  familyName?: StringFilter;
  middleName?: StringFilter;
  formattedName?: StringFilter;
  nickName?: StringFilter;
  title?: StringFilter;
  userType?: StringFilter;
  preferredLanguage?: StringFilter;
  locale?: StringFilter;
  timezone?: StringFilter;
  profileUrl?: StringFilter;
  employeeNumber?: StringFilter;
  costCenter?: StringFilter;
  organization?: StringFilter;
  division?: StringFilter;
  departmentName?: StringFilter;
  departmentId?: IdFilter;
  managerId?: IdFilter;
  active?: boolean;
  email?: StringFilter;
  emails?: MultiValueFilterInput;
  phoneNumbers?: MultiValueFilterInput;
  roles?: MultiValueFilterInput;
  addresses?: AddressFilterInput;
  memberOf?: MemberOfFilter;
  createdAt?: DateTimeFilter;
  updatedAt?: DateTimeFilter;
}

export interface GroupMemberFilterInput {
  id?: IdFilter;
  type?: StringFilter;
}

export interface GroupFilterInput extends BooleanTree<GroupFilterInput> {
  id?: IdFilter;
  externalId?: StringFilter;
  displayName?: StringFilter;
  description?: StringFilter;
  members?: GroupMemberFilterInput;
  createdAt?: DateTimeFilter;
  updatedAt?: DateTimeFilter;
}
