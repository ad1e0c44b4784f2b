import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import type { PageRequest } from '../../../platform/pagination';
import type { UserFilter } from '../../../domain/directory/users/user.filter';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { Report } from '../../../domain/directory/org-chart/org-chart.service';
import type { Page } from '../../../platform/pagination';
import type { ColumnChoice } from '../../../platform/db/entity-table';

export function managementChainOf(
  context: GraphQLContext,
  maxDepth: number,
  columns?: ColumnChoice<UserRecord>,
): DataLoader<string, UserRecord[]> {
  return context.loaders.get('managementChain', { maxDepth, columns }, async (ids: readonly string[]) => {
    const chains = await context.orgChart.managementChainOf(ids, maxDepth, columns);
    return ids.map((id) => chains.get(id) ?? []);
  });
}

export function reportsOf(
  context: GraphQLContext,
  args: {
    maxDepth: number;
    filter?: UserFilter | null;
    page: Omit<PageRequest, 'offset'>;
    columns?: ColumnChoice<UserRecord>;
  },
): DataLoader<string, Page<Report>> {
  return context.loaders.get('reports', args, async (ids: readonly string[]) => {
    const pages = await context.orgChart.reportsOf(ids, args);
    return ids.map((id) => pages.get(id)!);
  });
}

export function reportsCountOf(
  context: GraphQLContext,
  maxDepth: number,
  filter?: UserFilter | null,
): DataLoader<string, number> {
  return context.loaders.get('reportsCount', { maxDepth, filter }, async (ids: readonly string[]) => {
    const counts = await context.orgChart.reportsCountOf(ids, maxDepth, filter);
    return ids.map((id) => counts.get(id) ?? 0);
  });
}
