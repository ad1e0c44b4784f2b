import { InvalidInputError } from '../../../platform/errors';
import { assertUuid } from '../../../platform/ids';
import { validDateTime } from '../shared/date-time';
import { USERS, type Address, type MultiValue, type UserAttributes, type UserField } from './user.record';

export const MAX_TEXT_LENGTH = 2048;
export const MAX_USER_NAME_LENGTH = 512;
export const MAX_MULTI_VALUES = 100;

/**
 * The validated values of a write, by column; departmentName is the department as given, and
 * managerReference the manager as given, until the service resolves it.
 */
export type UserValues = Partial<Record<UserField, unknown>> & {
  departmentName?: string | null;
  departmentId?: string | null;
  managerReference?: string | null;
};

/** Date-times kept as written: the text columns with a stored instant (USERS.instantOf). */
const DATE_TIME_FIELDS = USERS.columns
  .filter((column) => column.kind === 'text' && USERS.instantOf(column.key as UserField) !== undefined)
  .map((column) => column.key as UserField);

/** What the service maintains itself, though a text column. */
const MAINTAINED_TEXT: readonly string[] = ['userName', 'departmentName', 'pendingManagerReference'];

/** Every other text attribute, from the entity. */
const TEXT_FIELDS = USERS.columns
  .filter(
    (column) =>
      column.kind === 'text' &&
      !MAINTAINED_TEXT.includes(column.key) &&
      !DATE_TIME_FIELDS.includes(column.key as UserField),
  )
  .map((column) => column.key as Exclude<UserField, 'userName' | 'departmentName'>);

/**
 * Checks what a client may get wrong and returns only the attributes that were given, with
 * multi-valued elements stripped of empty keys. Values are otherwise kept exactly as sent.
 */
export function validateUserAttributes(attributes: UserAttributes, mode: 'create' | 'update'): UserValues {
  const values: UserValues = {};

  if (mode === 'create' || attributes.userName !== undefined) {
    const userName = attributes.userName;
    if (userName == null || userName.trim() === '')
      throw new InvalidInputError('userName is required and must not be blank.', ['userName']);
    if (userName.length > MAX_USER_NAME_LENGTH) {
      throw new InvalidInputError(`userName is longer than ${MAX_USER_NAME_LENGTH} characters.`, ['userName']);
    }
    values.userName = userName;
  }

  for (const field of TEXT_FIELDS) {
    const value = (attributes as Record<string, unknown>)[field] as string | null | undefined;
    if (value === undefined) continue;
    checkLength(value, field);
    values[field] = value;
  }
  for (const field of DATE_TIME_FIELDS) {
    const value = (attributes as Record<string, unknown>)[field] as string | null | undefined;
    if (value === undefined) continue;
    values[field] = value === null ? null : validDateTime(value, [field]);
  }
  if (attributes.department !== undefined) {
    checkLength(attributes.department, 'department');
    values.departmentName = attributes.department;
  }

  if (attributes.active !== undefined) {
    if (attributes.active === null) throw new InvalidInputError('active must be true or false.', ['active']);
    values.active = attributes.active;
  }

  for (const field of ['emails', 'phoneNumbers', 'roles'] as const) {
    const items = attributes[field];
    if (items !== undefined) values[field] = validateMultiValues(items ?? [], field);
  }
  if (attributes.addresses !== undefined) values.addresses = validateAddresses(attributes.addresses ?? []);

  if (attributes.managerId !== undefined) {
    if (attributes.managerReference !== undefined) {
      throw new InvalidInputError('Give either managerId or managerReference, not both.', ['managerReference']);
    }
    values.managerId = attributes.managerId === null ? null : assertUuid(attributes.managerId, ['managerId']);
  }
  if (attributes.managerReference !== undefined) {
    const reference = attributes.managerReference;
    checkLength(reference, 'managerReference');
    values.managerReference = reference === null || reference.trim() === '' ? null : reference;
  }
  if (attributes.departmentId !== undefined) {
    for (const field of DATE_TIME_FIELDS) {
      const value = (attributes as Record<string, unknown>)[field] as string | null | undefined;
      if (value === undefined) continue;
      values[field] = value === null ? null : validDateTime(value, [field]);
    }
    if (attributes.department !== undefined) {
      throw new InvalidInputError('Give either department (a name) or departmentId, not both.', ['departmentId']);
    }
    values.departmentId =
      attributes.departmentId === null ? null : assertUuid(attributes.departmentId, ['departmentId']);
  }
  return values;
}

function checkLength(value: string | null, field: string): void {
  if (value !== null && value.length > MAX_TEXT_LENGTH) {
    throw new InvalidInputError(`${field} is longer than ${MAX_TEXT_LENGTH} characters.`, [field]);
  }
}

function validateMultiValues(items: readonly MultiValue[], field: string): MultiValue[] {
  if (items.length > MAX_MULTI_VALUES)
    throw new InvalidInputError(`${field} has more than ${MAX_MULTI_VALUES} values.`, [field]);
  return items.map((item, index) => {
    for (const key of ['value', 'type', 'display'] as const) {
      const value = item[key];
      if (value != null && value.length > MAX_TEXT_LENGTH) {
        throw new InvalidInputError(`${field}[${index}].${key} is longer than ${MAX_TEXT_LENGTH} characters.`, [
          field,
          String(index),
          key,
        ]);
      }
    }
    return withoutEmptyKeys(item);
  });
}

function validateAddresses(items: readonly Address[]): Address[] {
  if (items.length > MAX_MULTI_VALUES)
    throw new InvalidInputError(`addresses has more than ${MAX_MULTI_VALUES} values.`, ['addresses']);
  return items.map((item, index) => {
    for (const [key, value] of Object.entries(item)) {
      if (typeof value === 'string' && value.length > MAX_TEXT_LENGTH) {
        throw new InvalidInputError(`addresses[${index}].${key} is longer than ${MAX_TEXT_LENGTH} characters.`, [
          'addresses',
          String(index),
          key,
        ]);
      }
    }
    return withoutEmptyKeys(item);
  });
}

function withoutEmptyKeys<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null && value !== undefined)) as T;
}
