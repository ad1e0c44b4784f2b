import { SCIM_USER_FRAGMENT } from '../schema/user-attributes';

/**
 * Every GraphQL operation the SCIM facade runs, and nothing else: the facade's whole contract with
 * the core. Each SCIM request runs one or a few of these in-process, in one transaction.
 */

const SCIM_GROUP_FRAGMENT = `fragment ScimGroup on Group { id externalId displayName createdAt updatedAt version }`;

const MEMBER_PAGE = `
  pageInfo { hasNextPage endCursor }
  nodes { __typename ... on User { id userDisplayName: displayName userName } ... on Group { id groupDisplayName: displayName } }`;

const USER_ERRORS = `userErrors { code field message }`;

/** The fragments the operations spread: a user and a group as the facade maps them. */
export const FRAGMENTS = { ScimUser: SCIM_USER_FRAGMENT, ScimGroup: SCIM_GROUP_FRAGMENT };

/** An operation's text with the fragments it spreads. */
const withFragments = (text: string) =>
  [
    text,
    ...Object.entries(FRAGMENTS).flatMap(([name, fragment]) => (text.includes(`...${name}`) ? [fragment] : [])),
  ].join('\n');

/** The operations, each without the fragments it spreads (see FRAGMENTS). */
export const OPERATION_TEXTS = {
  UserById: `query UserById($id: ID!) { user(id: $id) { ...ScimUser } }`,

  UserList: `query UserList($filter: UserFilterInput, $orderBy: UserOrder, $first: Int!, $offset: Int) {
    users(filter: $filter, orderBy: $orderBy, first: $first, offset: $offset) { totalCount nodes { ...ScimUser } }
  }`,

  UserCreate: `mutation UserCreate($input: UserCreateInput!) {
    userCreate(input: $input) { user { ...ScimUser } ${USER_ERRORS} }
  }`,

  UserUpdate: `mutation UserUpdate($input: UserUpdateInput!) {
    userUpdate(input: $input) { user { ...ScimUser } ${USER_ERRORS} }
  }`,

  UserDelete: `mutation UserDelete($id: ID!) { userDelete(input: { id: $id }) { deletedUserId ${USER_ERRORS} } }`,

  GroupById: `query GroupById($id: ID!, $withMembers: Boolean!) {
    group(id: $id) { ...ScimGroup members(first: 100) @include(if: $withMembers) { ${MEMBER_PAGE} } }
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
      nodes { ...ScimGroup members(first: 20) @include(if: $withMembers) { ${MEMBER_PAGE} } }
    }
  }`,

  GroupCreate: `mutation GroupCreate($input: GroupCreateInput!) {
    groupCreate(input: $input) { group { ...ScimGroup } skippedMemberIds ${USER_ERRORS} }
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
    replace: groupMembersReplace(input: $replace) @include(if: $hasReplace) { group { id } skippedMemberIds ${USER_ERRORS} }
    remove: groupMembersRemove(input: $remove) @include(if: $hasRemove) { group { id } ${USER_ERRORS} }
    add: groupMembersAdd(input: $add) @include(if: $hasAdd) { group { id } skippedMemberIds ${USER_ERRORS} }
  }`,

  GroupDelete: `mutation GroupDelete($id: ID!) { groupDelete(input: { id: $id }) { deletedGroupId ${USER_ERRORS} } }`,

  /** The tenant's declared extension attributes: read only by requests that name a URN of theirs. */
  ExtensionAttributes: `query ExtensionAttributes {
    extensionAttributes { schema name type description caseExact unique }
  }`,

  ProvisioningEventRecord: `mutation ProvisioningEventRecord($input: ProvisioningEventInput!) {
    provisioningEventRecord(input: $input) { recorded ${USER_ERRORS} }
  }`,
} as const;

export type OperationName = keyof typeof OPERATION_TEXTS;

/** Every operation, ready to run. */
export const OPERATIONS = Object.fromEntries(
  Object.entries(OPERATION_TEXTS).map(([name, text]) => [name, withFragments(text)]),
) as Record<OperationName, string>;
