/**
 * A SCIM User resource as the facade reads and writes it: attributes by their canonical names
 * (mapping/user-attributes.ts lists them), extension attributes in an object under their schema
 * URN. PATCH operations apply to this shape (patch/apply-user-patch.ts). Its attributes are known
 * at run time (the mapping, and tenant-declared extension attributes), so their values are not
 * typed one by one here.
 */
export interface ScimUser {
  schemas?: string[];
  id?: string;
  meta?: Record<string, unknown>;
  emails?: ScimElement[] | null;
  phoneNumbers?: ScimElement[] | null;
  addresses?: ScimElement[] | null;
  roles?: ScimElement[] | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  [attribute: string]: any;
}

/** An element of a multi-valued attribute (emails, phone numbers, roles, addresses) as SCIM holds it. */
export type ScimElement = Record<string, unknown>;
