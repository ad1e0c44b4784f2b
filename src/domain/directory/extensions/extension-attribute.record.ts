import { ExtensionAttribute, type ExtensionAttributeKind } from '../../../model/extension-attribute.entity';
import { table } from '../../../model/tables';
import type { RecordOf } from '../../../platform/db/entity-table';

export type { ExtensionAttributeKind };

/** An attribute a tenant declared (src/model/extension-attribute.entity.ts). */
export type ExtensionAttributeRecord = RecordOf<ExtensionAttribute>;

/** The declarations for hand-written SQL, aliased `a`. */
export const EXTENSION_ATTRIBUTES = table(ExtensionAttribute, 'a');

/** A value of an extension attribute as it is stored and read: a JSON string, number or boolean. */
export type ExtensionScalar = string | number | boolean;

/** How an attribute's value is named: its schema and name, compared ignoring case. */
export interface ExtensionAttributeName {
  schema: string;
  name: string;
}

/** The key of a value in users.extension_values: `<schema>:<name>`, as declared. */
export function valueKey(attribute: ExtensionAttributeName): string {
  return `${attribute.schema}:${attribute.name}`;
}

/** Where a value key splits into its schema and name (the name has no colon). */
export function splitValueKey(key: string): ExtensionAttributeName {
  const colon = key.lastIndexOf(':');
  return { schema: key.slice(0, colon), name: key.slice(colon + 1) };
}
