/**
 * Business failures, independent of transport. Each edge maps them once: GraphQL to `userErrors`
 * (mutations) or `extensions.code` (queries), SCIM to an HTTP status and `scimType`.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'UNKNOWN_REFERENCE'
  | 'USER_NAME_TAKEN'
  | 'GROUP_NAME_TAKEN'
  | 'DEPARTMENT_NAME_TAKEN'
  | 'MANAGER_CYCLE'
  | 'GROUP_CYCLE'
  | 'DEPARTMENT_CYCLE'
  | 'VERSION_CONFLICT'
  | 'FORBIDDEN'
  | 'CURSOR_EXPIRED'
  | 'RESTORE_CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, as a path (`['userName']`, `['members', '3']`). */
    readonly field: readonly string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(
    kind: 'User' | 'Group' | 'Department' | 'Token' | 'Tenant' | 'SsoSettings',
    id: string,
    field: string[] = ['id'],
  ) {
    super('NOT_FOUND', `${kind} ${id} does not exist.`, field);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, field: readonly string[] = []) {
    super('INVALID_INPUT', message, field);
  }
}

export class UnknownReferenceError extends DomainError {
  constructor(message: string, field: readonly string[]) {
    super('UNKNOWN_REFERENCE', message, field);
  }
}

export class VersionConflictError extends DomainError {
  constructor(kind: string, id: string, expected: number, actual: number) {
    super(
      'VERSION_CONFLICT',
      `${kind} ${id} has changed since it was read (expected version ${expected}, it is now ${actual}). Read it again and retry.`,
      ['expectedVersion'],
    );
  }
}

export class ForbiddenError extends DomainError {
  constructor(needed: string) {
    super('FORBIDDEN', `This credential lacks the "${needed}" scope needed for this operation.`);
  }
}

/** The database was unreachable or a transient conflict aborted the work; retrying may succeed. */
export class TransientDatabaseError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'TransientDatabaseError';
  }
}
