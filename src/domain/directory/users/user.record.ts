import { table } from '../../../model/tables';
import { User } from '../../../model/user.entity';
import type { RecordOf } from '../../../platform/db/entity-table';
import type { ExtensionScalar } from '../extensions/extension-attribute.record';

export type { Address, MultiValue } from '../../../model/values';

/** A user as the directory holds it (src/model/user.entity.ts). */
export type UserRecord = RecordOf<User>;

/** The users table for hand-written SQL, aliased `u`. */
export const USERS = table(User, 'u');

/** What the directory sets itself; the rest of a user is written by clients. */
type Maintained =
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'departmentId'
  | 'departmentName'
  | 'pendingManagerReference'
  | 'extensionValues';

/** A value of a declared extension attribute to write; null clears it. */
export interface ExtensionValueInput {
  schema: string;
  name: string;
  value: ExtensionScalar | null;
}

/** The attributes a write may set. Absent (undefined) leaves a value as it is; null clears it. */
export type UserAttributes = {
  -readonly [K in Exclude<keyof UserRecord, Maintained>]?: UserRecord[K] | null;
} & {
  /** A department by name: found case-insensitively, created when missing; the name is kept as given. */
  department?: string | null;
  /** A department by id, for clients that pick from the list. */
  departmentId?: string | null;
  /**
   * The manager by our id, else a user's externalId, else userName (ignoring case). One that
   * names no user yet is kept pending until such a user appears. Use this or managerId.
   */
  managerReference?: string | null;
  /** Values of declared extension attributes; those not listed stay (unless replaceExtensionAttributes). */
  extensionAttributes?: readonly ExtensionValueInput[] | null;
  /** With true, extension values not listed in extensionAttributes are cleared (a SCIM PUT). */
  replaceExtensionAttributes?: boolean | null;
};

/** The columns a write sets: every attribute except the maintained ones, department by id and name. */
export type UserField = Exclude<keyof UserRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
