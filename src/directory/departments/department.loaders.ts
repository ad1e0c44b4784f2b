import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../../graphql/context';
import { byKey } from '../../graphql/loaders';
import type { DepartmentRecord } from './department.record';

export function departmentById(context: GraphQLContext): DataLoader<string, DepartmentRecord | undefined> {
  return context.loaders.get('departmentById', undefined, async (ids: readonly string[]) =>
    byKey(ids, await context.departments.getMany(ids), (department) => department.id),
  );
}
