import type DataLoader from 'dataloader';
import { toConnection, type ConnectionValue } from '../types/connection';
import type { PageRequest } from '../../../platform/pagination';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { GraphQLContext } from '../context';
import { byKey } from '../loaders';
import type { DepartmentRecord } from '../../../domain/directory/departments/department.record';

/** Departments by id; with `columns`, only those attributes (one loader per choice, see ColumnChoice). */
export function departmentById(
  context: GraphQLContext,
  columns?: ColumnChoice<DepartmentRecord>,
): DataLoader<string, DepartmentRecord | undefined> {
  return context.loaders.get('departmentById', columns, async (ids: readonly string[]) =>
    byKey(ids, await context.departments.getMany(ids, columns), (department) => department.id),
  );
}

export function childrenOf(
  context: GraphQLContext,
  page: Omit<PageRequest, 'offset'>,
): DataLoader<string, ConnectionValue<DepartmentRecord>> {
  return context.loaders.get('departmentChildren', page, async (ids: readonly string[]) => {
    const pages = await context.departments.listChildrenOfEach(ids, page);
    const counts = context.loaders.get<string, number>(
      'departmentChildCount',
      undefined,
      async (parentIds: readonly string[]) => {
        const found = await context.departments.countChildrenOfEach(parentIds);
        return parentIds.map((id) => found.get(id) ?? 0);
      },
    );
    return ids.map((id) => toConnection(pages.get(id)!, () => counts.load(id)));
  });
}

export function ancestorsOf(context: GraphQLContext): DataLoader<string, DepartmentRecord[]> {
  return context.loaders.get('departmentAncestors', undefined, async (ids: readonly string[]) => {
    const ancestors = await context.departments.ancestorsOfEach(ids);
    return ids.map((id) => ancestors.get(id) ?? []);
  });
}
