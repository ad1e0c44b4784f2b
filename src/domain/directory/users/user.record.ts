/** A user as the directory holds it. Values are stored as they were written (Entra compares them). */
export interface UserRecord {
  id: string;
  externalId: string | null;
  userName: string;
  displayName: string | null;
  nickName: string | null;
  profileUrl: string | null;
  title: string | null;
  userType: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  formattedName: string | null;
  honorificPrefix: string | null;
  honorificSuffix: string | null;
  preferredLanguage: string | null;
  locale: string | null;
  timezone: string | null;
  active: boolean;
  emails: MultiValue[];
  phoneNumbers: MultiValue[];
  addresses: Address[];
  roles: MultiValue[];
  employeeNumber: string | null;
  costCenter: string | null;
  organization: string | null;
  division: string | null;
  /** The department exactly as it was given (Entra sends a string). */
  department: string | null;
  departmentId: string | null;
  managerId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** An element of a multi-valued attribute: an email, a phone number, a role. */
export interface MultiValue {
  value: string | null;
  type?: string | null;
  primary?: boolean | null;
  display?: string | null;
}

export interface Address {
  type?: string | null;
  formatted?: string | null;
  streetAddress?: string | null;
  locality?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  primary?: boolean | null;
}

/** The attributes a write may set. Absent (undefined) leaves a value as it is; null clears it. */
export type UserAttributes = {
  -readonly [K in Exclude<
    keyof UserRecord,
    'id' | 'createdAt' | 'updatedAt' | 'version' | 'departmentId' | 'department'
  >]?: UserRecord[K] | null;
} & {
  /** A department by name: found case-insensitively, created when missing; the name is kept as given. */
  department?: string | null;
  /** A department by id, for clients that pick from the list. */
  departmentId?: string | null;
};
