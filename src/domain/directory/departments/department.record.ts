/** A department. Entra sends departments as strings; the directory keeps one per name. */
export interface DepartmentRecord {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface DepartmentAttributes {
  name?: string | null;
  parentId?: string | null;
  headUserId?: string | null;
}

export const DEPARTMENT_SELECT = 'd.id, d.name, d.parent_id, d.head_user_id, d.created_at, d.updated_at, d.version';

export interface DepartmentRow {
  id: string;
  name: string;
  parent_id: string | null;
  head_user_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export function departmentFromRow(row: DepartmentRow): DepartmentRecord {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    headUserId: row.head_user_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}
