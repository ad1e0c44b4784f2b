/**
 * The syntax tree of an RFC 7644 §3.4.2.2 filter, as written (attribute names are not resolved
 * against a schema here; the translator and the PATCH layer do that).
 */

import type { AttrPath } from '../schema/attribute-path';

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterValue = string | number | boolean | null;

export type Filter =
  | {
      kind: 'compare';
      path: AttrPath;
      operator: CompareOperator;
      value: FilterValue;
      /** The token as written when the value was not quoted (Q-14: `externalId eq jyoung`). */
      raw?: string;
    }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and'; filters: Filter[] }
  | { kind: 'or'; filters: Filter[] }
  | { kind: 'not'; filter: Filter }
  /** `emails[type eq "work"]`: one element of `path` satisfies `filter` (whose paths are sub-attributes). */
  | { kind: 'valuePath'; path: AttrPath; filter: Filter };

/** A PATCH path: `attrPath`, or `attrPath[valFilter]` optionally followed by `.subAttribute`. */
export interface PatchPathSyntax {
  path: AttrPath;
  /** The value filter of `emails[type eq "work"].value`; its paths are sub-attributes of `path`. */
  filter?: Filter;
}
