import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import { byKey } from '../loaders';
import { toConnection, type ConnectionValue } from '../types/connection';
import type { PageRequest } from '../../../platform/pagination';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { GroupRecord, MemberRef, MemberType } from '../../../domain/directory/groups/group.record';

export function groupById(context: GraphQLContext): DataLoader<string, GroupRecord | undefined> {
  return context.loaders.get('groupById', undefined, async (ids: readonly string[]) =>
    byKey(ids, await context.groups.getMany(ids), (group) => group.id),
  );
}

/** Direct members of each group as connections of references, batched across groups. */
export function membersOf(
  context: GraphQLContext,
  args: { memberType?: MemberType | null; page: Omit<PageRequest, 'offset'> },
): DataLoader<string, ConnectionValue<MemberRef>> {
  return context.loaders.get('membersOf', args, async (groupIds: readonly string[]) => {
    const pages = await context.groups.listMembersForEach(groupIds, args.memberType, args.page);
    const counts = memberCountOf(context, args.memberType);
    return groupIds.map((id) => toConnection(pages.get(id)!, () => counts.load(id)));
  });
}

export function memberCountOf(
  context: GraphQLContext,
  memberType: MemberType | null | undefined,
): DataLoader<string, number> {
  return context.loaders.get('memberCountOf', memberType ?? null, async (groupIds: readonly string[]) => {
    const counts = await context.groups.countMembersForEach(groupIds, memberType);
    return groupIds.map((id) => counts.get(id) ?? 0);
  });
}

/**
 * The groups each user or group belongs to (directly, or also through nested groups), batched;
 * with `columns`, only those attributes (see ColumnChoice).
 */
export function groupsOf(
  context: GraphQLContext,
  args: { transitive: boolean; page: Omit<PageRequest, 'offset'>; columns?: ColumnChoice<GroupRecord> },
): DataLoader<string, ConnectionValue<GroupRecord>> {
  return context.loaders.get('groupsOf', args, async (memberIds: readonly string[]) => {
    const pages = await context.groups.listGroupsOfEach(memberIds, args.transitive, args.page, args.columns);
    const counts = context.loaders.get<string, number>(
      'groupCountOf',
      args.transitive,
      async (ids: readonly string[]) => {
        const found = await context.groups.countGroupsOfEach(ids, args.transitive);
        return ids.map((id) => found.get(id) ?? 0);
      },
    );
    return memberIds.map((id) => toConnection(pages.get(id)!, () => counts.load(id)));
  });
}
