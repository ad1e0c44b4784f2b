/**
 * Every GraphQL operation the SCIM facade runs, and nothing else: the facade's whole contract with
 * the core. Each SCIM request runs one or a few of these in-process, in one transaction.
 */

const USER_FIELDS = `
  id externalId userName displayName nickName profileUrl title userType
  givenName familyName middleName formattedName honorificPrefix honorificSuffix
  preferredLanguage locale timezone active
  emails { value type primary display }
  phoneNumbers { value type primary display }
  addresses { type formatted streetAddress locality region postalCode country primary }
  roles { value type primary display }
  employeeNumber costCenter organization division departmentName
  manager { id displayName }
  createdAt updatedAt version`;

const GROUP_FIELDS = `id externalId displayName createdAt updatedAt version`;

const MEMBER_PAGE = `
  pageInfo { hasNextPage endCursor }
  nodes { __typename ... on User { id userDisplayName: displayName userName } ... on Group { id groupDisplayName: displayName } }`;

const USER_ERRORS = `userErrors { code field message }`;

export const OPERATIONS = {
  UserById: `query UserById($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`,

  UserList: `query UserList($filter: UserFilterInput, $orderBy: UserOrder, $first: Int!, $offset: Int) {
    users(filter: $filter, orderBy: $orderBy, first: $first, offset: $offset) { totalCount nodes { ${USER_FIELDS} } }
  }`,

  UserCreate: `mutation UserCreate($input: UserCreateInput!) {
    userCreate(input: $input) { user { ${USER_FIELDS} } ${USER_ERRORS} }
  }`,

  UserUpdate: `mutation UserUpdate($input: UserUpdateInput!) {
    userUpdate(input: $input) { user { ${USER_FIELDS} } ${USER_ERRORS} }
  }`,

  UserDelete: `mutation UserDelete($id: ID!) { userDelete(input: { id: $id }) { deletedUserId ${USER_ERRORS} } }`,

  GroupById: `query GroupById($id: ID!, $withMembers: Boolean!) {
    group(id: $id) { ${GROUP_FIELDS} members(first: 100) @include(if: $withMembers) { ${MEMBER_PAGE} } }
  }`,

  GroupMembersPage: `query GroupMembersPage($id: ID!, $after: String) {
    group(id: $id) { members(first: 100, after: $after) { ${MEMBER_PAGE} } }
  }`,

  /**
   * Members come in a small first page per group (the facade follows the rest with
   * GroupMembersPage): a page of 100 groups × 100 members is over the query cost limit.
   */
  GroupList: `query GroupList($filter: GroupFilterInput, $orderBy: GroupOrder, $first: Int!, $offset: Int, $withMembers: Boolean!) {
    groups(filter: $filter, orderBy: $orderBy, first: $first, offset: $offset) {
      totalCount
      nodes { ${GROUP_FIELDS} members(first: 20) @include(if: $withMembers) { ${MEMBER_PAGE} } }
    }
  }`,

  GroupCreate: `mutation GroupCreate($input: GroupCreateInput!) {
    groupCreate(input: $input) { group { ${GROUP_FIELDS} } ${USER_ERRORS} }
  }`,

  /**
   * A whole group change (PATCH or PUT) as one document: fields run in this order, and the facade
   * folds SCIM operations into a net effect that fits it (see scim-facade/patch).
   */
  GroupChange: `mutation GroupChange(
    $update: GroupUpdateInput!, $hasUpdate: Boolean!,
    $replace: GroupMembersInput!, $hasReplace: Boolean!,
    $remove: GroupMembersInput!, $hasRemove: Boolean!,
    $add: GroupMembersInput!, $hasAdd: Boolean!
  ) {
    update: groupUpdate(input: $update) @include(if: $hasUpdate) { group { id } ${USER_ERRORS} }
    replace: groupMembersReplace(input: $replace) @include(if: $hasReplace) { group { id } ${USER_ERRORS} }
    remove: groupMembersRemove(input: $remove) @include(if: $hasRemove) { group { id } ${USER_ERRORS} }
    add: groupMembersAdd(input: $add) @include(if: $hasAdd) { group { id } ${USER_ERRORS} }
  }`,

  GroupDelete: `mutation GroupDelete($id: ID!) { groupDelete(input: { id: $id }) { deletedGroupId ${USER_ERRORS} } }`,

  ProvisioningEventRecord: `mutation ProvisioningEventRecord($input: ProvisioningEventInput!) {
    provisioningEventRecord(input: $input) { recorded ${USER_ERRORS} }
  }`,
} as const;

export type OperationName = keyof typeof OPERATIONS;
