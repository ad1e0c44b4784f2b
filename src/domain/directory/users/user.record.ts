import { table } from '../../../model/tables';
import { User } from '../../../model/user.entity';
import type { RecordOf } from '../../../platform/db/entity-table';

export type { Address, MultiValue } from '../../../model/values';

/** A user as the directory holds it (src/model/user.entity.ts). */
export type UserRecord = RecordOf<User>;

/** The users table for hand-written SQL, aliased `u`. */
export const USERS = table(User, 'u');

/** What the directory sets itself; the rest of a user is written by clients. */
type Maintained = 'id' | 'createdAt' | 'updatedAt' | 'version' | 'departmentId' | 'departmentName';

/** The attributes a write may set. Absent (undefined) leaves a value as it is; null clears it. */
export type UserAttributes = {
  -readonly [K in Exclude<keyof UserRecord, Maintained>]?: UserRecord[K] | null;
} & {
  /** A department by name: found case-insensitively, created when missing; the name is kept as given. */
  department?: string | null;
  /** A department by id, for clients that pick from the list. */
  departmentId?: string | null;
};

/** The columns a write sets: every attribute except the maintained ones, department by id and name. */
export type UserField = Exclude<keyof UserRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
