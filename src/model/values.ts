/** An element of a multi-valued attribute: an email, a phone number, a role. */
export interface MultiValue {
  value: string | null;
  type?: string | null;
  primary?: boolean | null;
  display?: string | null;
}

/** A postal address. */
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

/** A user's extension attribute values, keyed `<schema>:<name>` as the attribute was declared. */
export type ExtensionValues = Record<string, string | number | boolean>;
