import type { Filter } from '../filter/filter-ast';
import type { ResolvedAttributePath } from '../schema/resolve-attribute-path';

export type PatchOpName = 'add' | 'replace' | 'remove';

/** Where an operation applies, resolved against the resource type's schemas. */
export interface PatchTarget {
  /** The path as sent, or the key of a path-less value it came from: for error messages. */
  text: string;
  /** The attribute, and the sub-attribute when the path names one (`name.givenName`, `emails[…].value`). */
  attribute: ResolvedAttributePath;
  /**
   * `emails[type eq "work"]`: the elements of a multi-valued attribute the operation applies to.
   * Sub-attribute names in it are canonical and its comparisons are checked against their types.
   */
  filter?: Filter;
}

/**
 * One normalised PATCH operation. Path-less add/replace operations are expanded into one
 * operation per attribute, so every operation has a target.
 */
export interface PatchOperation {
  op: PatchOpName;
  path: PatchTarget;
  /**
   * The value coerced to the target's shape: a list for a multi-valued attribute, an object of
   * canonical sub-attributes for a complex one (an element for a filtered path), a string or
   * boolean for a simple one, or a list of those for a filtered sub-attribute. null clears.
   * Absent for remove, except a remove of listed elements (`remove members` with a value list).
   */
  value?: unknown;
}

/**
 * What a request carried that names no attribute, so it was not applied: reported in the
 * provisioning log rather than silently dropped.
 */
export interface IgnoredAttributes {
  /**
   * `<schema URN>:<name>` under an extension schema the service does not define: attributes the
   * tenant could declare (and then they would be stored).
   */
  undeclared: string[];
  /** Other names that are no attribute of the resource (a core name misspelt, say). */
  unknown: string[];
}

export function noIgnoredAttributes(): IgnoredAttributes {
  return { undeclared: [], unknown: [] };
}
