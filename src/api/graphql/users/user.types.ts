import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, OrderDirection } from '../types/connection';
import { DateTimeFilter, IdFilter, StringFilter } from '../types/filters';
import { UserError } from '../types/user-error';
import { JSONScalar, type JsonScalarValue } from '../types/json-scalar';
import type { ExtensionAttributeCondition } from '../../../domain/directory/extensions/extension-attribute.filter';
import type { ExtensionValueInput } from '../../../domain/directory/users/user.record';
import type {
  AddressFilter,
  MemberOfCondition,
  MultiValueFilter,
  ReportsToCondition,
  UserFilter,
} from '../../../domain/directory/users/user.filter';
import type { Address, MultiValue } from '../../../domain/directory/users/user.record';
import type { UserSortField } from '../../../domain/directory/users/user.sort';

/** One value of a multi-valued attribute, as read (MultiValueType) and as written (MultiValueInput). */
@ObjectType('MultiValueType', {
  description: 'One value of a multi-valued attribute: an email address, a phone number or a role.',
  simpleResolvers: true,
})
@InputType('MultiValueInput', { description: 'One value of a multi-valued attribute.' })
export class MultiValueType implements MultiValue {
  @Field(() => String, { nullable: true, description: 'The value itself (an address, a number, a role name).' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: 'Its kind, e.g. "work", "home", "mobile".' })
  type?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether this is the preferred value of its attribute.' })
  primary?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A human-readable form of the value.' })
  display?: string | null;
}

/** A postal address, as read (Address) and as written (AddressInput). */
@ObjectType('Address', { description: 'A postal address.', simpleResolvers: true })
@InputType('AddressInput', { description: 'A postal address.' })
export class AddressType implements Address {
  @Field(() => String, { nullable: true, description: 'Its kind, e.g. "work".' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'The full address as one text, for display.' })
  formatted?: string | null;

  @Field(() => String, { nullable: true, description: 'Street, number and further lines.' })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'City or locality.' })
  locality?: string | null;

  @Field(() => String, { nullable: true, description: 'State or region.' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Country (ISO 3166-1 alpha-2 when it comes from Entra).' })
  country?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether this is the preferred address.' })
  primary?: boolean | null;
}

/**
 * The user's text attributes, read on User and written in UserCreateInput and UserUpdateInput:
 * one definition of each. Not a type of its own in the schema; its fields are inherited.
 */
@ObjectType('UserTextAttributes')
@InputType('UserTextAttributesInput')
export abstract class UserTextAttributes {
  @Field(() => String, {
    nullable: true,
    description: "The identity provider's id for the user (Entra: the object id, when mapped).",
  })
  externalId!: string | null;

  @Field(() => String, { nullable: true, description: 'Name to show.' })
  displayName!: string | null;

  @Field(() => String, { nullable: true, description: 'Casual name.' })
  nickName!: string | null;

  @Field(() => String, { nullable: true, description: 'URL of an online profile.' })
  profileUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of user, e.g. "Employee", "Contractor".' })
  userType!: string | null;

  @Field(() => String, { nullable: true, description: 'Given (first) name.' })
  givenName!: string | null;

  @Field(() => String, { nullable: true, description: 'Family (last) name.' })
  familyName!: string | null;

  @Field(() => String, { nullable: true, description: 'Middle name.' })
  middleName!: string | null;

  @Field(() => String, { nullable: true, description: 'Full name as one text, for display.' })
  formattedName!: string | null;

  @Field(() => String, { nullable: true, description: 'Title before the name, e.g. "Dr.".' })
  honorificPrefix!: string | null;

  @Field(() => String, { nullable: true, description: 'Suffix after the name, e.g. "Jr.".' })
  honorificSuffix!: string | null;

  @Field(() => String, { nullable: true, description: 'Preferred language, e.g. "en-US".' })
  preferredLanguage!: string | null;

  @Field(() => String, { nullable: true, description: 'Locale for formatting, e.g. "en-US".' })
  locale!: string | null;

  @Field(() => String, { nullable: true, description: 'Time zone, e.g. "Europe/Stockholm".' })
  timezone!: string | null;

  @Field(() => String, { nullable: true, description: 'Employee number.' })
  employeeNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Cost center.' })
  costCenter!: string | null;

  @Field(() => String, { nullable: true, description: 'Organization.' })
  organization!: string | null;

  @Field(() => String, { nullable: true, description: 'Division.' })
  division!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'When the person starts (Entra: employeeHireDate): an ISO 8601 date-time such as "2026-03-01T08:00:00Z" or "2026-03-01", kept exactly as written.',
  })
  startDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'When the person leaves (Entra: employeeLeaveDateTime): an ISO 8601 date-time, kept exactly as written.',
  })
  leaveDate!: string | null;
}

/** A value of a declared extension attribute, as read (ExtensionAttributeValue) and written (…Input). */
@ObjectType('ExtensionAttributeValue', {
  description: "A user's value of an extension attribute the tenant declared.",
  simpleResolvers: true,
})
@InputType('ExtensionAttributeValueInput', {
  description: 'A value of a declared extension attribute; null (or "") clears it.',
})
export class ExtensionAttributeValueType implements ExtensionValueInput {
  @Field({ description: 'The extension schema URN (ignoring case when written).' })
  schema!: string;

  @Field({ description: 'The attribute name (ignoring case when written).' })
  name!: string;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      'The value: a string, number or boolean of the declared type (read: never null). Written, it is coerced: "True" for a boolean, "42" for a number.',
  })
  value!: JsonScalarValue | null;
}

@InputType({ description: 'Names a declared extension attribute.' })
export class ExtensionAttributeRefInput {
  @Field({ description: 'The extension schema URN (ignoring case).' })
  schema!: string;

  @Field({ description: 'The attribute name (ignoring case).' })
  name!: string;
}

@InputType({
  description:
    'Conditions on a declared extension attribute; all given ones must hold. Values are coerced to its type; text compares ignoring case unless the attribute is case-exact or caseSensitive is true.',
})
export class ExtensionAttributeFilterInput extends ExtensionAttributeRefInput implements ExtensionAttributeCondition {
  @Field(() => JSONScalar, { nullable: true, description: 'Equal to.' })
  eq?: JsonScalarValue | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Not equal to (no value counts as not equal).' })
  ne?: JsonScalarValue | null;

  @Field(() => [JSONScalar], { nullable: true, description: 'Equal to one of these.' })
  in?: JsonScalarValue[] | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Greater than (text: sorts after).' })
  gt?: JsonScalarValue | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Greater than or equal to.' })
  gte?: JsonScalarValue | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Less than (text: sorts before).' })
  lt?: JsonScalarValue | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Less than or equal to.' })
  lte?: JsonScalarValue | null;

  @Field(() => String, { nullable: true, description: 'Text starts with. Wildcards match literally.' })
  startsWith?: string | null;

  @Field(() => String, { nullable: true, description: 'Text ends with.' })
  endsWith?: string | null;

  @Field(() => String, { nullable: true, description: 'Text contains.' })
  contains?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: the user has a value; false: none.' })
  present?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Compare text case-sensitively.' })
  caseSensitive?: boolean | null;
}

@ObjectType('User', {
  description: 'A person in the directory, usually provisioned by Microsoft Entra ID.',
  simpleResolvers: true,
})
export class UserType extends UserTextAttributes {
  @Field(() => ID, { description: 'Stable id (a UUID); the SCIM id Entra keeps for this user.' })
  id!: string;

  @Field({ description: 'Unique sign-in name within the tenant, compared ignoring case (Entra: userPrincipalName).' })
  userName!: string;

  @Field({
    description: 'false when the user has been deactivated (for example lost access in Entra); they stay readable.',
  })
  active!: boolean;

  @Field(() => [MultiValueType], { description: 'Email addresses, as provisioned.' })
  emails!: MultiValueType[];

  @Field(() => [MultiValueType], { description: 'Phone numbers, as provisioned.' })
  phoneNumbers!: MultiValueType[];

  @Field(() => [AddressType], { description: 'Postal addresses.' })
  addresses!: AddressType[];

  @Field(() => [MultiValueType], { description: 'Application roles assigned in the identity provider.' })
  roles!: MultiValueType[];

  @Field(() => String, {
    nullable: true,
    description: 'The department name exactly as it was given to the user (by Entra, say).',
  })
  departmentName!: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the user's department; see `department` for the object." })
  departmentId!: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the user's manager; see `manager` for the object." })
  managerId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A manager reference (id, externalId or userName) that names no user yet, kept until such a user appears and then resolved into `manager`. While it is set, `manager` is null.',
  })
  pendingManagerReference!: string | null;

  @Field({ description: 'When the user was created.' })
  createdAt!: Date;

  @Field({ description: 'When the user last changed.' })
  updatedAt!: Date;

  @Field(() => Int, {
    description: 'Increases with every change; pass it as expectedVersion to update only what you read.',
  })
  version!: number;
}

export const UserConnection = Connection(UserType, 'User', 'user');

export enum UserOrderField {
  USER_NAME = 'USER_NAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
  GIVEN_NAME = 'GIVEN_NAME',
  FAMILY_NAME = 'FAMILY_NAME',
  EMPLOYEE_NUMBER = 'EMPLOYEE_NUMBER',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  START_DATE = 'START_DATE',
  LEAVE_DATE = 'LEAVE_DATE',
  EXTENSION_ATTRIBUTE = 'EXTENSION_ATTRIBUTE',
  ID = 'ID',
}
registerEnumType(UserOrderField, {
  name: 'UserOrderField',
  description: 'What to sort users by. Text sorts ignore case; ties are broken by id.',
  valuesConfig: {
    USER_NAME: { description: 'userName.' },
    DISPLAY_NAME: { description: 'displayName (users without one first).' },
    GIVEN_NAME: { description: 'givenName.' },
    FAMILY_NAME: { description: 'familyName.' },
    EMPLOYEE_NUMBER: { description: 'employeeNumber.' },
    CREATED_AT: { description: 'Creation time.' },
    UPDATED_AT: { description: 'Time of the last change.' },
    START_DATE: { description: 'startDate, as an instant (users without one first).' },
    LEAVE_DATE: { description: 'leaveDate, as an instant (users without one first).' },
    EXTENSION_ATTRIBUTE: {
      description: 'A declared extension attribute named in orderBy.extensionAttribute (users without a value first).',
    },
    ID: { description: 'id.' },
  },
});

@InputType({ description: 'How to sort users.' })
export class UserOrder {
  @Field(() => UserOrderField, { description: 'The attribute to sort by.' })
  field!: UserOrderField & UserSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  direction!: OrderDirection;

  @Field(() => ExtensionAttributeRefInput, {
    nullable: true,
    description: 'With field EXTENSION_ATTRIBUTE: the attribute to sort by.',
  })
  extensionAttribute?: ExtensionAttributeRefInput | null;
}

@InputType({ description: 'Holds when one element (email, phone number, role) satisfies every condition.' })
export class MultiValueFilterInput implements MultiValueFilter {
  @Field(() => [MultiValueFilterInput], { nullable: true, description: 'All of these hold for the same element.' })
  and?: MultiValueFilterInput[] | null;

  @Field(() => [MultiValueFilterInput], { nullable: true, description: 'One of these holds for the element.' })
  or?: MultiValueFilterInput[] | null;

  @Field(() => MultiValueFilterInput, { nullable: true, description: 'This does not hold for the element.' })
  not?: MultiValueFilterInput | null;

  @Field(() => StringFilter, { nullable: true, description: 'The value.' })
  value?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The type, e.g. "work".' })
  type?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The display form.' })
  display?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is the primary value.' })
  primary?: boolean | null;
}

@InputType({ description: 'Holds when one address satisfies every condition.' })
export class AddressFilterInput implements AddressFilter {
  @Field(() => [AddressFilterInput], { nullable: true, description: 'All of these hold for the same address.' })
  and?: AddressFilterInput[] | null;

  @Field(() => [AddressFilterInput], { nullable: true, description: 'One of these holds for the address.' })
  or?: AddressFilterInput[] | null;

  @Field(() => AddressFilterInput, { nullable: true, description: 'This does not hold for the address.' })
  not?: AddressFilterInput | null;

  @Field(() => StringFilter, { nullable: true, description: 'The type, e.g. "work".' })
  type?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The formatted address.' })
  formatted?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The street address.' })
  streetAddress?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The locality.' })
  locality?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The region.' })
  region?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The postal code.' })
  postalCode?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The country.' })
  country?: StringFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is the primary address.' })
  primary?: boolean | null;
}

@InputType({ description: 'Membership of a group.' })
export class MemberOfFilter implements MemberOfCondition {
  @Field(() => ID, { description: 'The group.' })
  groupId!: string;

  @Field(() => Boolean, { nullable: true, description: 'Also count membership through nested groups. Default false.' })
  transitive?: boolean | null;
}

@InputType({ description: 'Being under a manager in the management tree.' })
export class ReportsToFilter implements ReportsToCondition {
  @Field(() => ID, { description: 'The manager.' })
  managerId!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Also count reports of reports, down to maxDepth. Default false.',
  })
  transitive?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'With transitive: how many levels down to look (default and limit 50).',
  })
  maxDepth?: number | null;
}

@InputType({
  description: 'Which users to return. All given conditions must hold; combine filters with and, or and not.',
})
export class UserFilterInput implements UserFilter {
  @Field(() => [UserFilterInput], { nullable: true, description: 'All of these hold.' })
  and?: UserFilterInput[] | null;

  @Field(() => [UserFilterInput], { nullable: true, description: 'At least one of these holds.' })
  or?: UserFilterInput[] | null;

  @Field(() => UserFilterInput, { nullable: true, description: 'This does not hold.' })
  not?: UserFilterInput | null;

  @Field(() => IdFilter, { nullable: true, description: 'id.' })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'externalId.' })
  externalId?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'userName.' })
  userName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'displayName.' })
  displayName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'givenName.' })
  givenName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'familyName.' })
  familyName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'middleName.' })
  middleName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'formattedName.' })
  formattedName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'nickName.' })
  nickName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'title.' })
  title?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'userType.' })
  userType?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'preferredLanguage.' })
  preferredLanguage?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'locale.' })
  locale?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'timezone.' })
  timezone?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'profileUrl.' })
  profileUrl?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'employeeNumber.' })
  employeeNumber?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'costCenter.' })
  costCenter?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'organization.' })
  organization?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'division.' })
  division?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The department name as it was given to the user.' })
  departmentName?: StringFilter | null;

  @Field(() => IdFilter, { nullable: true, description: "The department's id." })
  departmentId?: IdFilter | null;

  @Field(() => IdFilter, { nullable: true, description: "The manager's id (direct manager only)." })
  managerId?: IdFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Active (true) or deactivated (false) users only.' })
  active?: boolean | null;

  @Field(() => StringFilter, { nullable: true, description: 'Any of the email addresses.' })
  email?: StringFilter | null;

  @Field(() => MultiValueFilterInput, {
    nullable: true,
    description: 'One email satisfies all of these (e.g. type "work" and value ...).',
  })
  emails?: MultiValueFilterInput | null;

  @Field(() => MultiValueFilterInput, { nullable: true, description: 'One phone number satisfies all of these.' })
  phoneNumbers?: MultiValueFilterInput | null;

  @Field(() => MultiValueFilterInput, { nullable: true, description: 'One role satisfies all of these.' })
  roles?: MultiValueFilterInput | null;

  @Field(() => AddressFilterInput, { nullable: true, description: 'One address satisfies all of these.' })
  addresses?: AddressFilterInput | null;

  @Field(() => MemberOfFilter, { nullable: true, description: 'Member of a group.' })
  memberOf?: MemberOfFilter | null;

  @Field(() => ReportsToFilter, { nullable: true, description: 'Under a manager, directly or anywhere below.' })
  reportsTo?: ReportsToFilter | null;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' })
  createdAt?: DateTimeFilter | null;

  @Field(() => DateTimeFilter, { nullable: true, description: 'Time of the last change.' })
  updatedAt?: DateTimeFilter | null;

  @Field(() => DateTimeFilter, {
    nullable: true,
    description: 'startDate, compared as an instant; users without one never match.',
  })
  startDate?: DateTimeFilter | null;

  @Field(() => DateTimeFilter, {
    nullable: true,
    description: 'leaveDate, compared as an instant; users without one never match.',
  })
  leaveDate?: DateTimeFilter | null;

  @Field(() => [ExtensionAttributeFilterInput], {
    nullable: true,
    description: 'Conditions on declared extension attributes; all of them hold.',
  })
  extensionAttributes?: ExtensionAttributeFilterInput[] | null;

  @Field(() => StringFilter, {
    nullable: true,
    description: 'The pending manager reference; `present: true` finds users whose manager is not known yet.',
  })
  pendingManagerReference?: StringFilter | null;
}

/**
 * The attributes shared by create and update. Registered so type-graphql can inherit its fields;
 * no field takes it, so it does not appear in the schema. In an update, an omitted field stays
 * as it is and null clears it.
 */
@InputType({ description: 'User attributes.' })
export class UserAttributesInput extends UserTextAttributes {
  @Field(() => Boolean, {
    nullable: true,
    description: 'false deactivates the user. A new user is active unless this says otherwise.',
  })
  active?: boolean | null;

  @Field(() => [MultiValueType], { nullable: true, description: 'Email addresses (replaces the list).' })
  emails?: MultiValueType[] | null;

  @Field(() => [MultiValueType], { nullable: true, description: 'Phone numbers (replaces the list).' })
  phoneNumbers?: MultiValueType[] | null;

  @Field(() => [AddressType], { nullable: true, description: 'Addresses (replaces the list).' })
  addresses?: AddressType[] | null;

  @Field(() => [MultiValueType], { nullable: true, description: 'Roles (replaces the list).' })
  roles?: MultiValueType[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Department by name: found ignoring case or created, and kept on the user exactly as given. Use this or departmentId.',
  })
  department?: string | null;

  @Field(() => ID, { nullable: true, description: 'Department by id. Use this or department.' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: "The manager's id; null removes the manager." })
  managerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The manager by id, else externalId, else userName (ignoring case). One that names no user yet is kept as pendingManagerReference and resolves when such a user appears. Use this or managerId; null removes the manager.',
  })
  managerReference?: string | null;

  @Field(() => [ExtensionAttributeValueType], {
    nullable: true,
    description: 'Values of declared extension attributes; those not listed stay as they are (in an update).',
  })
  extensionAttributes?: ExtensionAttributeValueType[] | null;
}

@InputType({ description: 'A new user.' })
export class UserCreateInput extends UserAttributesInput {
  @Field({ description: 'Unique sign-in name within the tenant (compared ignoring case).' })
  userName!: string;
}

@InputType({ description: 'Changes to a user. Omitted fields stay as they are; null clears a field.' })
export class UserUpdateInput extends UserAttributesInput {
  @Field(() => ID, { description: 'The user to change.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Only change the user if it is still at this version.' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New userName.' })
  userName?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'With true, extension attribute values not listed in extensionAttributes are cleared.',
  })
  replaceExtensionAttributes?: boolean | null;
}

@InputType({ description: 'The user to delete.' })
export class UserDeleteInput {
  @Field(() => ID, { description: 'The user to delete. Their memberships go, and they stop being anyone’s manager.' })
  id!: string;
}

@InputType({ description: "A change of a user's manager." })
export class UserSetManagerInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The new manager; null removes the manager.' })
  managerId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only change the user if it is still at this version.' })
  expectedVersion?: number | null;
}

@ObjectType({ description: 'The result of userCreate.', simpleResolvers: true })
export class UserCreatePayload {
  @Field(() => UserType, { nullable: true, description: 'The new user; null when userErrors say why not.' })
  user!: UserType | null;

  @Field(() => [UserError], { description: 'Why the user was not created; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of userUpdate or userSetManager.', simpleResolvers: true })
export class UserUpdatePayload {
  @Field(() => UserType, {
    nullable: true,
    description: 'The user after the change; null when userErrors say why not.',
  })
  user!: UserType | null;

  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of userDelete.', simpleResolvers: true })
export class UserDeletePayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted user; null when userErrors say why not.' })
  deletedUserId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing was deleted; empty on success.' })
  userErrors!: UserError[];
}
