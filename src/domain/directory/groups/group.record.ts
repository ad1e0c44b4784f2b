export interface GroupRecord {
  id: string;
  externalId: string | null;
  displayName: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface GroupAttributes {
  displayName?: string | null;
  externalId?: string | null;
  description?: string | null;
}

export type MemberType = 'user' | 'group';

/** A member of a group, as a reference: who (id) and what kind. */
export interface MemberRef {
  memberId: string;
  memberType: MemberType;
}

/** A member that was added or removed. */
export type MembershipChange = MemberRef;

export const GROUP_SELECT = 'g.id, g.external_id, g.display_name, g.description, g.created_at, g.updated_at, g.version';

/** The stored columns of groups, for statements that write whole rows (restoring a deleted group). */
export const GROUP_TABLE_COLUMNS = [
  'tenant_id',
  ...GROUP_SELECT.split(',').map((column) => column.trim().replace(/^g\./, '')),
];

export interface GroupRow {
  id: string;
  external_id: string | null;
  display_name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export function groupFromRow(row: GroupRow): GroupRecord {
  return {
    id: row.id,
    externalId: row.external_id,
    displayName: row.display_name,
    description: row.description,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}
