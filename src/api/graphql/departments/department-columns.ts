import type { GraphQLResolveInfo } from 'graphql';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import type { SelectionPaths } from '../selection';
import { readsDecorator, SelectedColumns } from '../record-columns';
import { DEPARTMENTS, type DepartmentRecord } from '../../../domain/directory/departments/department.record';

/** Declares what a Department field resolver reads of its department (record-columns.ts). */
export const ReadsDepartment = readsDecorator<DepartmentRecord>();

const DEPARTMENT_COLUMNS = new SelectedColumns('Department', DEPARTMENTS);

/** The department attributes the Department fields selected at `paths` read (record-columns.ts). */
export function departmentColumnsOf(info: GraphQLResolveInfo, paths: SelectionPaths): ColumnChoice<DepartmentRecord> {
  return DEPARTMENT_COLUMNS.of(info, paths);
}
