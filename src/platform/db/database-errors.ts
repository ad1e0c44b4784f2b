import { DomainError, InvalidInputError, TransientDatabaseError, UnknownReferenceError } from '../errors';

/**
 * The one place where PostgreSQL errors become domain errors. Keyed by the constraint names the
 * migrations set explicitly, so a renamed constraint fails the tests rather than leaking a 500.
 */
const byConstraint: Record<string, (detail: string) => DomainError> = {
  users_user_name_unique: (detail) =>
    new DomainError(
      'USER_NAME_TAKEN',
      `Another user already has this userName${quotedKey(detail)} (userNames are unique regardless of case).`,
      ['userName'],
    ),
  groups_display_name_unique: (detail) =>
    new DomainError(
      'GROUP_NAME_TAKEN',
      `Another group already has this displayName${quotedKey(detail)} (group names are unique regardless of case).`,
      ['displayName'],
    ),
  departments_name_unique: (detail) =>
    new DomainError('DEPARTMENT_NAME_TAKEN', `Another department already has this name${quotedKey(detail)}.`, ['name']),
  users_manager_fk: () => new UnknownReferenceError('The manager does not exist.', ['managerId']),
  users_department_fk: () => new UnknownReferenceError('The department does not exist.', ['departmentId']),
  departments_parent_fk: () => new UnknownReferenceError('The parent department does not exist.', ['parentId']),
  departments_head_fk: () => new UnknownReferenceError('The head of department does not exist.', ['headUserId']),
  group_members_user_fk: () => new UnknownReferenceError('A member user does not exist.', ['members']),
  group_members_member_group_fk: () => new UnknownReferenceError('A member group does not exist.', ['members']),
  users_not_own_manager: () => new DomainError('MANAGER_CYCLE', 'A user cannot be their own manager.', ['managerId']),
  users_manager_cycle: () =>
    new DomainError('MANAGER_CYCLE', 'This manager would put the user in their own management chain.', ['managerId']),
  group_members_not_self: () => new DomainError('GROUP_CYCLE', 'A group cannot be a member of itself.', ['members']),
  group_members_cycle: () =>
    new DomainError('GROUP_CYCLE', 'This member group already contains the group, directly or through nested groups.', [
      'members',
    ]),
  departments_not_own_parent: () =>
    new DomainError('DEPARTMENT_CYCLE', 'A department cannot be its own parent.', ['parentId']),
  departments_cycle: () =>
    new DomainError('DEPARTMENT_CYCLE', 'This parent would make the department its own ancestor.', ['parentId']),
  users_user_name_not_blank: () => new InvalidInputError('userName must not be blank.', ['userName']),
  groups_display_name_not_blank: () => new InvalidInputError('displayName must not be blank.', ['displayName']),
  departments_name_not_blank: () => new InvalidInputError('A department name must not be blank.', ['name']),
  tenants_name_not_blank: () => new InvalidInputError('A tenant name must not be blank.', ['name']),
};

export const NUL_MESSAGE = 'Text may not contain the NUL character (U+0000); remove it and send the request again.';

/** SQLSTATEs that mean "try again": connection failures, serialization failures, deadlocks. */
const transientStates = new Set([
  '40001',
  '40P01',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);
const transientNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function translateDatabaseError(error: unknown): unknown {
  // Not `instanceof Error`: errors raised by Node's net module come from another realm under jest.
  if (typeof error !== 'object' || error === null) return error;
  const {
    code,
    constraint,
    detail,
    message = '',
  } = error as {
    code?: string;
    constraint?: string;
    detail?: string;
    message?: string;
  };
  if (constraint && byConstraint[constraint]) return byConstraint[constraint](detail ?? '');
  // A NUL inside JSON (\u0000) reaches PostgreSQL, which refuses it in jsonb.
  if (code === '22P05' || code === '22021') return new InvalidInputError(NUL_MESSAGE);
  if (code && (transientStates.has(code) || transientNodeCodes.has(code))) {
    return new TransientDatabaseError('The database is unavailable or busy; retry the request.', error);
  }
  if (code === '57014')
    return new TransientDatabaseError('The request took too long and was cancelled; retry it.', error);
  if (/Knex: Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED/i.test(message)) {
    return new TransientDatabaseError('The database is unavailable; retry the request.', error);
  }
  return error;
}

function quotedKey(detail: string): string {
  // "Key (tenant_id, lower(user_name))=(…, alice@x.com) already exists." → ' ("alice@x.com")'
  const match = /\)=\([^,]*, (.*)\) already exists/.exec(detail);
  return match ? ` ("${match[1]}")` : '';
}
