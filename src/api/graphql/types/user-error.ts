import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { DomainError } from '../../../platform/errors';

export enum UserErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
  USER_NAME_TAKEN = 'USER_NAME_TAKEN',
  GROUP_NAME_TAKEN = 'GROUP_NAME_TAKEN',
  DEPARTMENT_NAME_TAKEN = 'DEPARTMENT_NAME_TAKEN',
  MANAGER_CYCLE = 'MANAGER_CYCLE',
  GROUP_CYCLE = 'GROUP_CYCLE',
  DEPARTMENT_CYCLE = 'DEPARTMENT_CYCLE',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  RESTORE_CONFLICT = 'RESTORE_CONFLICT',
  NOT_CONFIGURED = 'NOT_CONFIGURED',
  ALREADY_CONNECTED = 'ALREADY_CONNECTED',
  ENTRA_TENANT_TAKEN = 'ENTRA_TENANT_TAKEN',
  EXTENSION_ATTRIBUTE_EXISTS = 'EXTENSION_ATTRIBUTE_EXISTS',
  EXTENSION_ATTRIBUTE_IN_USE = 'EXTENSION_ATTRIBUTE_IN_USE',
  EXTENSION_VALUE_TAKEN = 'EXTENSION_VALUE_TAKEN',
  TOO_MANY_SECRETS = 'TOO_MANY_SECRETS',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation did not happen.',
  valuesConfig: {
    NOT_FOUND: { description: 'The object does not exist (or belongs to another tenant).' },
    INVALID_INPUT: { description: 'A value is malformed, missing or too long; `field` says which.' },
    UNKNOWN_REFERENCE: { description: 'An id given as a reference (manager, department, member) does not exist.' },
    USER_NAME_TAKEN: { description: 'Another user has this userName (compared ignoring case).' },
    GROUP_NAME_TAKEN: { description: 'Another group has this displayName (compared ignoring case).' },
    DEPARTMENT_NAME_TAKEN: { description: 'Another department has this name (compared ignoring case).' },
    MANAGER_CYCLE: { description: 'The manager would put the user in their own management chain.' },
    GROUP_CYCLE: { description: 'The member group already contains this group, directly or nested.' },
    DEPARTMENT_CYCLE: { description: 'The parent would make the department its own ancestor.' },
    VERSION_CONFLICT: {
      description: 'The object changed since the expected version was read; read it again and retry.',
    },
    FORBIDDEN: { description: 'The credential lacks the scope this needs.' },
    CURSOR_EXPIRED: {
      description: 'The cursor is older than the retention window; start again from the latest cursor.',
    },
    RESTORE_CONFLICT: { description: 'The deleted object cannot be restored because its name is taken again.' },
    NOT_CONFIGURED: {
      description:
        "The service's operator has not set this up (for connecting Microsoft Entra ID: ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and PUBLIC_BASE_URL).",
    },
    ALREADY_CONNECTED: {
      description: 'This tenant is connected to another Microsoft Entra tenant; disconnect it first.',
    },
    ENTRA_TENANT_TAKEN: {
      description: 'The Microsoft Entra tenant is connected to another Evercate tenant; disconnect it there first.',
    },
    EXTENSION_ATTRIBUTE_EXISTS: { description: 'The schema already has an attribute of this name (ignoring case).' },
    EXTENSION_ATTRIBUTE_IN_USE: {
      description: 'Users have values of the extension attribute; delete with dropValues to remove them too.',
    },
    EXTENSION_VALUE_TAKEN: { description: 'Another user has this value of an extension attribute declared unique.' },
    TOO_MANY_SECRETS: {
      description: 'The OAuth client already has as many active secrets as it may (3); revoke one first.',
    },
  },
});

@ObjectType({
  description: 'A business failure of a mutation: nothing of that mutation was saved.',
  simpleResolvers: true,
})
export class UserError {
  @Field(() => UserErrorCode, { description: 'What went wrong, for programs.' })
  code!: UserErrorCode;

  @Field(() => [String], {
    description: 'The path of the input field at fault, e.g. ["input", "userName"]; empty when it is not one field.',
  })
  field!: string[];

  @Field({ description: 'What went wrong and what to do about it, for people.' })
  message!: string;
}

/** Domain codes are UserErrorCode values (a test checks every code the domain raises is one). */
export function toUserError(error: DomainError): UserError {
  const code = error.code as UserErrorCode;
  return { code, field: error.field.length > 0 ? ['input', ...error.field] : [], message: error.message };
}
