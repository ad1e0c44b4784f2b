import { InvalidInputError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids are UUIDs; anything else is a client mistake, reported against the field that carried it. */
export function assertUuid(value: string, field: readonly string[]): string {
  if (!isUuid(value)) throw new InvalidInputError(`"${value}" is not a valid id (ids are UUIDs).`, field);
  return value;
}
