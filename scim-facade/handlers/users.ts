import { ScimError, invalidValue } from '../errors';
import { failOnUserErrors } from '../graphql/executor';
import { parseListQuery } from '../http/list-query';
import { listResponse } from '../http/list-response';
import { projectResource } from '../http/projection';
import type { ScimHandler, ScimHandlerContext, ScimRequest, ScimResponse } from '../http/scim-exchange';
import { orderFor } from '../http/sort';
import { parseFilter } from '../filter/parse-filter';
import { translateUserFilter } from '../filter/translate-user-filter';
import { etagOf, versionFromIfMatch } from '../mapping/scim-meta';
import { changedUserAttributes, scimUserToAttributes, type UserAttributesInput } from '../mapping/scim-to-user-input';
import type { ScimUserFragment as GraphQLUser } from '../graphql/operation-types';
import { userToScim } from '../mapping/user-to-scim';
import { applyUserPatch } from '../patch/apply-user-patch';
import { parsePatchRequest } from '../patch/parse-patch-request';
import { userFromBody } from '../mapping/resource-from-body';
import { noIgnoredAttributes } from '../patch/patch-operation';
import { userAttributesOf } from '../schema/user-attributes';
import { noteIgnored, userResourceFor, warn } from './tenant-resource';

/** A PATCH is re-applied after a version conflict; the second attempt holds the row lock. */
const PATCH_ATTEMPTS = 3;

export const createUser: ScimHandler = async (request, context) => {
  context.note = { operation: 'Create User', resourceType: 'User' };
  const schemas = await userResourceFor(context, request.body);
  const ignored = noIgnoredAttributes();
  const resource = userFromBody(request.body, schemas, ignored);
  noteIgnored(context, ignored);
  const attributes = scimUserToAttributes(resource, userAttributesOf(schemas));
  const { userName } = attributes;
  if (!userName) throw invalidValue('userName is required: map an attribute to userName in Entra.');
  const data = await context.graphql.run('UserCreate', { input: { ...withoutUnset(attributes), userName } });
  failOnUserErrors(data.userCreate.userErrors);
  const user = data.userCreate.user!;
  context.note.resourceId = user.id;
  notePendingManager(context, attributes, user);
  return userResponse(201, user, context, { Location: `${context.location.baseUrl}/Users/${user.id}` });
};

export const getUser: ScimHandler = async (request, context) => {
  const user = await requireUser(request.params.id!, context);
  if (request.ifNoneMatch && request.ifNoneMatch === etagOf(user.version)) {
    return { status: 304, headers: { ETag: etagOf(user.version) } };
  }
  const query = parseListQuery(request.query);
  const schemas = await userResourceFor(context, query.attributes, query.excludedAttributes);
  return {
    status: 200,
    headers: { ETag: etagOf(user.version) },
    body: projectResource(userToScim(user, context.location) as Record<string, unknown>, schemas, query),
  };
};

export const listUsers: ScimHandler = async (request, context) => {
  const query = parseListQuery(request.query);
  const schemas = await userResourceFor(
    context,
    query.filter,
    query.sortBy,
    query.attributes,
    query.excludedAttributes,
  );
  const filter = query.filter === undefined ? undefined : translateUserFilter(parseFilter(query.filter), schemas);
  const data = await context.graphql.run('UserList', {
    filter,
    orderBy: orderFor(schemas, query.sortBy, query.descending),
    first: query.count,
    offset: query.startIndex - 1,
  });
  const resources = data.users.nodes.map((user) =>
    projectResource(userToScim(user, context.location) as Record<string, unknown>, schemas, query),
  );
  return { status: 200, body: listResponse(resources, data.users.totalCount, query.startIndex) };
};

/** PUT: the body is the whole user; what it leaves out is cleared. */
export const replaceUser: ScimHandler = async (request, context) => {
  const id = request.params.id!;
  context.note = { operation: 'Replace User', resourceType: 'User', resourceId: id };
  const schemas = await userResourceFor(context, request.body);
  const ignored = noIgnoredAttributes();
  const resource = userFromBody(request.body, schemas, ignored);
  noteIgnored(context, ignored);
  const attributes = scimUserToAttributes(resource, userAttributesOf(schemas));
  if (!attributes.userName) throw invalidValue('userName is required in a PUT: it replaces the whole user.');
  const expectedVersion = await expectedVersionFor(request, id, context);
  // What the body leaves out is cleared, extension values included (declared or not in this request).
  const values = (attributes.extensionAttributes ?? []).filter((value) => value.value !== null);
  const user = await updateUser(
    id,
    { ...attributes, extensionAttributes: values, replaceExtensionAttributes: true },
    expectedVersion,
    context,
  );
  notePendingManager(context, attributes, user);
  return userResponse(200, user, context);
};

/**
 * PATCH: read the user, apply the operations to its SCIM form (both Entra dialects), and write
 * back only what changed, guarded by the version read. When another request changed the user in
 * between, the PATCH is applied again to the new state (unless If-Match pinned the version).
 */
export const patchUser: ScimHandler = async (request, context) => {
  const id = request.params.id!;
  context.note = { operation: 'Update User', resourceType: 'User', resourceId: id };
  const schemas = await userResourceFor(context, request.body);
  const ignored = noIgnoredAttributes();
  const operations = parsePatchRequest(request.body, schemas, ignored);
  noteIgnored(context, ignored);
  const attributes = userAttributesOf(schemas);
  const pinned = versionFromIfMatch(request.ifMatch);
  if (Number.isNaN(pinned)) throw malformedIfMatch();
  // Read locked: the write below then needs no second read (UserService keeps the locked row).
  let current = await lockUser(id, context);
  for (let attempt = 1; ; attempt++) {
    if (pinned !== undefined && pinned !== current.version) throw stale(id, pinned, current.version);
    const before = userToScim(current, context.location);
    const after = applyUserPatch(before, operations);
    const changes = changedUserAttributes(before, after, attributes);
    if (Object.keys(changes).length === 0) return userResponse(200, current, context);
    try {
      const user = await updateUser(id, changes, current.version, context);
      notePendingManager(context, changes, user);
      return userResponse(200, user, context);
    } catch (error) {
      const conflict = error instanceof ScimError && error.status === 412;
      if (!conflict || pinned !== undefined || attempt >= PATCH_ATTEMPTS) throw error;
      current = await lockUser(id, context);
    }
  }
};

export const deleteUser: ScimHandler = async (request, context) => {
  const id = request.params.id!;
  context.note = { operation: 'Delete User', resourceType: 'User', resourceId: id };
  await expectedVersionFor(request, id, context);
  const data = await context.graphql.run('UserDelete', { id });
  failOnUserErrors(data.userDelete.userErrors);
  return { status: 204 };
};

async function requireUser(id: string, context: ScimHandlerContext): Promise<GraphQLUser> {
  const data = await context.graphql.run('UserById', { id });
  if (!data.user) throw new ScimError(404, `User ${id} not found.`);
  return data.user;
}

/**
 * The user as it is now, locked until this request's transaction ends: the core applies an update
 * under SELECT … FOR UPDATE, and one without attributes changes nothing. A plain re-read could lose
 * again to whichever concurrent PATCH writes next (Entra runs several connections); after this,
 * the next attempt cannot. Were the core to stop locking here, retrying would still be correct,
 * only less sure to succeed.
 */
async function lockUser(id: string, context: ScimHandlerContext): Promise<GraphQLUser> {
  return updateUser(id, {}, undefined, context);
}

async function updateUser(
  id: string,
  attributes: UserAttributesInput,
  expectedVersion: number | undefined,
  context: ScimHandlerContext,
): Promise<GraphQLUser> {
  const data = await context.graphql.run('UserUpdate', {
    input: { id, expectedVersion, ...attributes },
  });
  failOnUserErrors(data.userUpdate.userErrors);
  return data.userUpdate.user!;
}

/** With If-Match, the version the client holds; the request fails with 412 when it is stale. */
async function expectedVersionFor(
  request: ScimRequest,
  id: string,
  context: ScimHandlerContext,
): Promise<number | undefined> {
  const pinned = versionFromIfMatch(request.ifMatch);
  if (pinned === undefined) return undefined;
  if (Number.isNaN(pinned)) throw malformedIfMatch();
  const current = await requireUser(id, context);
  if (current.version !== pinned) throw stale(id, pinned, current.version);
  return pinned;
}

function userResponse(
  status: number,
  user: GraphQLUser,
  context: ScimHandlerContext,
  headers: Record<string, string> = {},
): ScimResponse {
  return { status, headers: { ...headers, ETag: etagOf(user.version) }, body: userToScim(user, context.location) };
}

/** A create sends only what the body has; the core fills in the rest (active defaults to true). */
function withoutUnset(attributes: UserAttributesInput): UserAttributesInput {
  const values = (attributes.extensionAttributes ?? []).filter((value) => value.value !== null);
  return Object.fromEntries(
    Object.entries({ ...attributes, extensionAttributes: values }).filter(
      ([, value]) => value !== null && !(Array.isArray(value) && value.length === 0),
    ),
  );
}

/** A manager that named no user is kept pending: the provisioning log says so, and what resolves it. */
function notePendingManager(context: ScimHandlerContext, written: UserAttributesInput, user: GraphQLUser): void {
  const reference = written.managerReference;
  if (typeof reference !== 'string' || user.pendingManagerReference === null) return;
  warn(
    context,
    `The manager "${reference}" is not the id, externalId or userName of any user yet. The user was saved without a manager; the reference is kept pending and resolves by itself when such a user is provisioned.`,
  );
}

function stale(id: string, expected: number, actual: number): ScimError {
  return new ScimError(412, `User ${id} is at version ${actual}, not ${expected} (If-Match). Read it again and retry.`);
}

function malformedIfMatch(): ScimError {
  return invalidValue('If-Match must be an ETag this service gave out, like W/"3".');
}
