import { invalidFilter } from '../errors';
import { resolveAttributePath } from '../schema/resolve-attribute-path';
import type { Filter } from './filter-ast';
import {
  dateTimeField,
  formatAttrPath,
  idField,
  own,
  stringField,
  translateTree,
  unknownAttribute,
  unsupportedAttribute,
  type Condition,
  type ConditionRule,
  type Leaf,
} from './filter-conditions';
import type { GroupFilterInput, GroupMemberFilterInput } from '../graphql/operation-types';

/** Holds for every group (every group has an id): what `meta.created pr` means. */
const everyGroup: GroupFilterInput = { id: { present: true } };

const groupFields: Readonly<Record<string, ConditionRule<GroupFilterInput>>> = {
  id: idField('id'),
  externalId: stringField('externalId'),
  displayName: stringField('displayName'),
  'meta.created': dateTimeField('createdAt', everyGroup),
  'meta.lastModified': dateTimeField('updatedAt', everyGroup),
};

/** Sub-attributes of members; `members eq "x"` means `members.value eq "x"`. */
const memberFields: Readonly<Record<string, ConditionRule<GroupMemberFilterInput>>> = {
  value: idField('id'),
  type: stringField('type'),
};

/**
 * Translates a parsed SCIM filter on Groups into the GraphQL `GroupFilterInput`. Any attribute or
 * operator without an exact GraphQL form is a 400 invalidFilter naming it (R-29/P-09: never widen).
 */
export function translateGroupFilter(filter: Filter): GroupFilterInput {
  return translateTree<GroupFilterInput>(filter, translateLeaf);
}

function translateLeaf(node: Leaf): GroupFilterInput {
  const resolved = resolveAttributePath('Group', node.path);
  if (!resolved) throw unknownAttribute(node.path, 'Group');
  if (resolved.canonicalAttribute === 'members') {
    if (node.kind === 'valuePath') return { members: memberConjunction(node.filter) };
    return { members: memberCondition(node, resolved.subAttribute?.name ?? 'value') };
  }
  const rule = node.kind === 'valuePath' ? undefined : own(groupFields, resolved.canonicalPath);
  if (!rule) throw unsupportedAttribute(node.path);
  return rule(node as Condition, resolved.target);
}

function memberCondition(node: Condition, subAttribute: string): GroupMemberFilterInput {
  const rule = own(memberFields, subAttribute);
  const target = resolveAttributePath('Group', { attribute: 'members', subAttribute })?.target;
  if (!rule || !target) throw unsupportedAttribute(node.path);
  return rule(node, target);
}

/**
 * `members[value eq "x" and type eq "User"]`. GroupMemberFilterInput has no and/or/not, so only a
 * conjunction whose conditions fit into one object can be said exactly.
 */
function memberConjunction(filter: Filter): GroupMemberFilterInput {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const leaf of conjuncts(filter)) {
    if (leaf.kind !== 'compare' && leaf.kind !== 'present') {
      throw invalidFilter('Invalid filter: inside members[ ] only conditions joined by "and" are supported.');
    }
    if (leaf.path.uri !== undefined || leaf.path.subAttribute !== undefined)
      throw unknownAttribute(leaf.path, 'member');
    const resolved = resolveAttributePath('Group', { attribute: 'members', subAttribute: leaf.path.attribute });
    if (!resolved) throw unknownAttribute(leaf.path, 'member');
    for (const [key, condition] of Object.entries(memberCondition(leaf, resolved.target.name))) {
      const existing = (merged[key] ??= {});
      for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
        if (Object.hasOwn(existing, operator) && existing[operator] !== value) {
          throw invalidFilter(
            `Invalid filter: members[ ] tests "${formatAttrPath(leaf.path)}" twice in a way that cannot be combined.`,
          );
        }
        existing[operator] = value;
      }
    }
  }
  return merged as GroupMemberFilterInput;
}

function conjuncts(filter: Filter): Filter[] {
  return filter.kind === 'and' ? filter.filters.flatMap(conjuncts) : [filter];
}
