import { Department } from '../../../model/department.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

/** A department (src/model/department.entity.ts). Entra sends departments as strings; the directory keeps one per name. */
export type DepartmentRecord = RecordOf<Department>;

/** The departments table for hand-written SQL, aliased `d`. */
export const DEPARTMENTS = table(Department, 'd');

export interface DepartmentAttributes {
  name?: string | null;
  parentId?: string | null;
  headUserId?: string | null;
}
