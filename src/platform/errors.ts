/**
 * Failures a client can cause, independent of transport. Each edge maps them once: GraphQL to
 * `userErrors` (mutations) or `extensions.code` (queries), SCIM to an HTTP status and `scimType`.
 * The codes are part of the GraphQL API (UserErrorCode in api/graphql/types/user-error.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The input field at fault, as a path (`['userName']`, `['members', '3']`). */
    readonly field: readonly string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(kind: string, id: string, field: string[] = ['id']) {
    super('NOT_FOUND', `${kind} ${id} does not exist.`, field);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, field: readonly string[] = []) {
    super('INVALID_INPUT', message, field);
  }
}

/** An id given as a reference (a manager, a department, a member) names nothing. */
export class UnknownReferenceError extends DomainError {
  constructor(message: string, field: readonly string[]) {
    super('UNKNOWN_REFERENCE', message, field);
  }
}

/** Optimistic concurrency: the object changed since the version the client read. */
export class VersionConflictError extends DomainError {
  constructor(kind: string, id: string, expected: number, actual: number) {
    super(
      'VERSION_CONFLICT',
      `${kind} ${id} has changed since it was read (expected version ${expected}, it is now ${actual}). Read it again and retry.`,
      ['expectedVersion'],
    );
  }
}

/** The database was unreachable or a transient conflict aborted the work; retrying may succeed. */
export class TransientDatabaseError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'TransientDatabaseError';
  }
}

/**
 * The transaction lost to a concurrent one (a deadlock PostgreSQL broke, or a serialization
 * failure) and was rolled back: running the same work again resolves it.
 */
export class TransactionConflictError extends TransientDatabaseError {
  constructor(cause?: unknown) {
    super('The request conflicted with concurrent requests and was rolled back; retry it.', cause);
    this.name = 'TransactionConflictError';
  }
}

/** The request ran past its time budget; its statements were cancelled and nothing was saved. */
export class RequestTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(
      `The request took longer than ${budgetMs / 1000} s and was stopped; nothing of it was saved. ` +
        'Ask for less at once (smaller pages, fewer counts) or retry.',
    );
    this.name = 'RequestTimeoutError';
  }
}
