import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import { byKey } from '../loaders';
import { toConnection, type ConnectionValue } from '../types/connection';
import type { PageRequest } from '../../../platform/pagination';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { UserFilter } from '../../../domain/directory/users/user.filter';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { UserOrder, UserParent } from '../../../domain/directory/users/user.service';

/** Users by id; with `columns`, only those attributes (one loader per choice, see ColumnChoice). */
export function userById(
  context: GraphQLContext,
  columns?: ColumnChoice<UserRecord>,
): DataLoader<string, UserRecord | undefined> {
  return context.loaders.get('userById', columns, async (ids: readonly string[]) =>
    byKey(ids, await context.users.getMany(ids, columns), (user) => user.id),
  );
}

/** The users under each parent (manager or department) as connections, batched across parents. */
export function usersOf(
  context: GraphQLContext,
  parent: UserParent,
  args: {
    filter?: UserFilter | null;
    order?: UserOrder;
    page: Omit<PageRequest, 'offset'>;
    columns?: ColumnChoice<UserRecord>;
  },
): DataLoader<string, ConnectionValue<UserRecord>> {
  return context.loaders.get(`usersOf:${parent}`, args, async (parentIds: readonly string[]) => {
    const pages = await context.users.listForEach(parent, parentIds, args.filter, args.order, args.page, args.columns);
    const counts = userCountOf(context, parent, args.filter);
    return parentIds.map((id) => toConnection(pages.get(id)!, () => counts.load(id)));
  });
}

export function userCountOf(
  context: GraphQLContext,
  parent: UserParent,
  filter: UserFilter | null | undefined,
): DataLoader<string, number> {
  return context.loaders.get(`userCountOf:${parent}`, filter ?? null, async (parentIds: readonly string[]) => {
    const counts = await context.users.countForEach(parent, parentIds, filter);
    return parentIds.map((id) => counts.get(id) ?? 0);
  });
}
