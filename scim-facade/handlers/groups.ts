import { ScimError, invalidValue } from '../errors';
import { failOnUserErrors } from '../graphql/executor';
import type { GroupMembersPageQuery } from '../graphql/operation-types';
import { parseListQuery } from '../http/list-query';
import { listResponse } from '../http/list-response';
import { projectResource, projectionExcludes } from '../http/projection';
import type { ScimHandler, ScimHandlerContext, ScimRequest } from '../http/scim-exchange';
import { orderFor } from '../http/sort';
import { parseFilter } from '../filter/parse-filter';
import { translateGroupFilter } from '../filter/translate-group-filter';
import { groupToScim, type GraphQLGroup, type GraphQLGroupMember } from '../mapping/group-to-scim';
import { etagOf, versionFromIfMatch } from '../mapping/scim-meta';
import { parsePatchRequest } from '../patch/parse-patch-request';
import { planGroupPatch, type GroupPatchPlan } from '../patch/plan-group-patch';
import { groupFromBody } from '../mapping/resource-from-body';
import { warn } from './tenant-resource';

type MemberPage = NonNullable<GroupMembersPageQuery['group']>['members'];

type GroupWithMembers = GraphQLGroup & { members?: MemberPage };

export const createGroup: ScimHandler = async (request, context) => {
  context.note = { operation: 'Create Group', resourceType: 'Group' };
  const body = groupFromBody(request.body);
  if (!body.displayName) throw invalidValue('displayName is required for a group.');
  const data = await context.graphql.run('GroupCreate', {
    input: {
      displayName: body.displayName,
      externalId: body.externalId ?? null,
      memberIds: body.memberIds ?? [],
      skipUnknownMembers: true,
    },
  });
  failOnUserErrors(data.groupCreate.userErrors);
  const group = data.groupCreate.group!;
  context.note.resourceId = group.id;
  noteSkipped(context, data.groupCreate.skippedMemberIds);
  const members = body.memberIds && body.memberIds.length > 0 ? await allMembers(group.id, undefined, context) : [];
  return {
    status: 201,
    headers: { Location: `${context.location.baseUrl}/Groups/${group.id}`, ETag: etagOf(group.version) },
    body: groupToScim(group, members, context.location),
  };
};

export const getGroup: ScimHandler = async (request, context) => {
  const query = parseListQuery(request.query);
  const withMembers = !projectionExcludes('Group', 'members', query);
  const group = await requireGroup(request.params.id!, withMembers, context);
  if (request.ifNoneMatch && request.ifNoneMatch === etagOf(group.version)) {
    return { status: 304, headers: { ETag: etagOf(group.version) } };
  }
  const members = withMembers ? await allMembers(group.id, group.members, context) : undefined;
  return {
    status: 200,
    headers: { ETag: etagOf(group.version) },
    body: projectResource(
      groupToScim(group, members, context.location) as unknown as Record<string, unknown>,
      'Group',
      query,
    ),
  };
};

export const listGroups: ScimHandler = async (request, context) => {
  const query = parseListQuery(request.query);
  const withMembers = !projectionExcludes('Group', 'members', query);
  const filter = query.filter === undefined ? undefined : translateGroupFilter(parseFilter(query.filter));
  const data = await context.graphql.run('GroupList', {
    filter,
    orderBy: orderFor('Group', query.sortBy, query.descending),
    first: query.count,
    offset: query.startIndex - 1,
    withMembers,
  });
  const resources = [];
  for (const group of data.groups.nodes) {
    const members = withMembers ? await allMembers(group.id, group.members, context) : undefined;
    resources.push(
      projectResource(
        groupToScim(group, members, context.location) as unknown as Record<string, unknown>,
        'Group',
        query,
      ),
    );
  }
  return { status: 200, body: listResponse(resources, data.groups.totalCount, query.startIndex) };
};

/**
 * PATCH: the operations fold into one net change (name, then members replaced or added and
 * removed), run as one GraphQL document in one transaction: all of it happens or none. Answers
 * 204 as Entra expects; the member list is never sent back.
 */
export const patchGroup: ScimHandler = async (request, context) => {
  const id = request.params.id!;
  context.note = { operation: 'Update Group', resourceType: 'Group', resourceId: id };
  const plan = planGroupPatch(parsePatchRequest(request.body, 'Group'));
  await changeGroup(id, plan, await expectedVersionFor(request, id, context), context);
  return { status: 204 };
};

/** PUT: displayName and externalId as given, members exactly as listed. */
export const replaceGroup: ScimHandler = async (request, context) => {
  const id = request.params.id!;
  context.note = { operation: 'Replace Group', resourceType: 'Group', resourceId: id };
  const body = groupFromBody(request.body);
  if (!body.displayName) throw invalidValue('displayName is required in a PUT: it replaces the whole group.');
  const plan: GroupPatchPlan = {
    displayName: body.displayName,
    externalId: body.externalId ?? null,
    members: { kind: 'replace', ids: body.memberIds ?? [] },
  };
  await changeGroup(id, plan, await expectedVersionFor(request, id, context), context);
  const group = await requireGroup(id, true, context);
  return {
    status: 200,
    headers: { ETag: etagOf(group.version) },
    body: groupToScim(group, await allMembers(id, group.members, context), context.location),
  };
};

export const deleteGroup: ScimHandler = async (request, context) => {
  const id = request.params.id!;
  context.note = { operation: 'Delete Group', resourceType: 'Group', resourceId: id };
  await expectedVersionFor(request, id, context);
  const data = await context.graphql.run('GroupDelete', { id });
  failOnUserErrors(data.groupDelete.userErrors);
  return { status: 204 };
};

async function changeGroup(
  id: string,
  plan: GroupPatchPlan,
  expectedVersion: number | undefined,
  context: ScimHandlerContext,
): Promise<void> {
  const hasUpdate = plan.displayName !== undefined || plan.externalId !== undefined;
  const members = plan.members;
  const hasReplace = members.kind === 'replace';
  const hasRemove = members.kind === 'delta' && members.remove.length > 0;
  const hasAdd = members.kind === 'delta' && members.add.length > 0;
  if (!hasUpdate && !hasReplace && !hasRemove && !hasAdd) {
    await requireGroup(id, false, context);
    return;
  }
  // The version is checked by whichever change runs first; later ones see its new version.
  const firstGuard = (position: number) =>
    [hasUpdate, hasReplace, hasRemove, hasAdd].findIndex(Boolean) === position ? expectedVersion : undefined;
  // Members that do not exist are skipped (and named in the provisioning log), the rest applied.
  const membersInput = (ids: string[], position: number) => ({
    groupId: id,
    memberIds: ids,
    expectedVersion: firstGuard(position),
    skipUnknownMembers: true,
  });
  const data = await context.graphql.run('GroupChange', {
    update: { id, displayName: plan.displayName, externalId: plan.externalId, expectedVersion: firstGuard(0) },
    hasUpdate,
    replace: membersInput(members.kind === 'replace' ? members.ids : [], 1),
    hasReplace,
    remove: membersInput(members.kind === 'delta' ? members.remove : [], 2),
    hasRemove,
    add: membersInput(members.kind === 'delta' ? members.add : [], 3),
    hasAdd,
  });
  for (const result of [data.update, data.replace, data.remove, data.add]) {
    // One failed part fails the whole request: the router then rolls the transaction back.
    if (result) failOnUserErrors(result.userErrors);
  }
  noteSkipped(context, [...(data.replace?.skippedMemberIds ?? []), ...(data.add?.skippedMemberIds ?? [])]);
}

/** Members that name no user or group were left out; the provisioning log names them. */
function noteSkipped(context: ScimHandlerContext, skipped: readonly string[]): void {
  if (skipped.length === 0) return;
  const shown = skipped.slice(0, 20).map((id) => JSON.stringify(id.slice(0, 100)));
  const more = skipped.length > 20 ? ` and ${skipped.length - 20} more` : '';
  warn(
    context,
    `Member${skipped.length === 1 ? '' : 's'} ${shown.join(', ')}${more} ${skipped.length === 1 ? 'is' : 'are'} not a user or group of this directory and ${skipped.length === 1 ? 'was' : 'were'} skipped; the other members were applied. Provision ${skipped.length === 1 ? 'it' : 'them'} first, then add ${skipped.length === 1 ? 'it' : 'them'} again.`,
  );
}

async function requireGroup(id: string, withMembers: boolean, context: ScimHandlerContext): Promise<GroupWithMembers> {
  const data = await context.graphql.run('GroupById', { id, withMembers });
  if (!data.group) throw new ScimError(404, `Group ${id} not found.`);
  return data.group;
}

/** Every member, following the pages (SCIM has no paging inside a resource). */
async function allMembers(
  groupId: string,
  firstPage: MemberPage | undefined,
  context: ScimHandlerContext,
): Promise<GraphQLGroupMember[]> {
  let page = firstPage ?? (await membersPage(groupId, null, context));
  const members = [...page.nodes];
  while (page.pageInfo.hasNextPage) {
    page = await membersPage(groupId, page.pageInfo.endCursor, context);
    members.push(...page.nodes);
  }
  return members;
}

async function membersPage(groupId: string, after: string | null, context: ScimHandlerContext): Promise<MemberPage> {
  const data = await context.graphql.run('GroupMembersPage', {
    id: groupId,
    after,
  });
  if (!data.group) throw new ScimError(404, `Group ${groupId} not found.`);
  return data.group.members;
}

async function expectedVersionFor(
  request: ScimRequest,
  id: string,
  context: ScimHandlerContext,
): Promise<number | undefined> {
  const pinned = versionFromIfMatch(request.ifMatch);
  if (pinned === undefined) return undefined;
  if (Number.isNaN(pinned)) throw invalidValue('If-Match must be an ETag this service gave out, like W/"3".');
  const current = await requireGroup(id, false, context);
  if (current.version !== pinned) {
    throw new ScimError(
      412,
      `Group ${id} is at version ${current.version}, not ${pinned} (If-Match). Read it again and retry.`,
    );
  }
  return pinned;
}
