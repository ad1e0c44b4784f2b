import type { ConstraintErrors } from '../../../platform/db/database-errors';
import { DomainError, InvalidInputError, UnknownReferenceError } from '../../../platform/errors';
import { quotedKey } from '../shared/constraint-detail';

/** What a violation of a groups or group_members constraint means (the names are the migrations'). */
export const GROUP_CONSTRAINTS: ConstraintErrors = {
  groups_display_name_unique: (detail) =>
    new DomainError(
      'GROUP_NAME_TAKEN',
      `Another group already has this displayName${quotedKey(detail)} (group names are unique regardless of case).`,
      ['displayName'],
    ),
  groups_display_name_not_blank: () => new InvalidInputError('displayName must not be blank.', ['displayName']),
  group_members_user_fk: () => new UnknownReferenceError('A member user does not exist.', ['members']),
  group_members_member_group_fk: () => new UnknownReferenceError('A member group does not exist.', ['members']),
  group_members_not_self: () => new DomainError('GROUP_CYCLE', 'A group cannot be a member of itself.', ['members']),
  group_members_cycle: () =>
    new DomainError('GROUP_CYCLE', 'This member group already contains the group, directly or through nested groups.', [
      'members',
    ]),
};
