import { Group } from '../../../model/group.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

/** A group as the directory holds it (src/model/group.entity.ts). */
export type GroupRecord = RecordOf<Group>;

/** The groups table for hand-written SQL, aliased `g`. */
export const GROUPS = table(Group, 'g');

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
