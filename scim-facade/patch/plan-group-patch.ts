import { invalidFilter, invalidPath, invalidValue } from '../errors';
import type { Filter } from '../filter/filter-ast';
import type { ScimObject } from './coerce-value';
import type { PatchOperation } from './patch-operation';

/** What a group PATCH does to the members: add and remove some, or set them all. */
export type GroupMembersChange =
  | { kind: 'delta'; add: string[]; remove: string[] }
  | { kind: 'replace'; ids: string[] };

/** The net effect of a group PATCH, so it can run as one atomic change. */
export interface GroupPatchPlan {
  displayName?: string;
  externalId?: string | null;
  members: GroupMembersChange;
}

/**
 * Folds operations from parsePatchRequest(body, 'Group') into their net effect. Member ids are
 * opaque here (the core checks them). For each id the last operation wins, so add-then-remove
 * nets to remove and remove-then-add to add, in any order and any number of operations; `add`
 * and `remove` of a delta never share an id. Members are touched only by operations whose path
 * is `members` (P-10: a rename, even path-less, never empties the group).
 */
export function planGroupPatch(operations: readonly PatchOperation[]): GroupPatchPlan {
  const plan: Omit<GroupPatchPlan, 'members'> = {};
  const members = new MemberFold();
  for (const operation of operations) {
    const { attribute, subAttribute } = operation.path.attribute;
    switch (attribute.name) {
      case 'displayName':
        // parsePatchRequest refuses to remove or empty the required displayName.
        plan.displayName = operation.value as string;
        break;
      case 'externalId':
        plan.externalId = operation.op === 'remove' ? null : (operation.value as string | null);
        break;
      case 'members':
        if (subAttribute)
          throw invalidPath(`"${operation.path.text}": members can only be added, removed or replaced.`);
        foldMembers(members, operation);
        break;
    }
  }
  return { ...plan, members: members.change() };
}

function foldMembers(members: MemberFold, operation: PatchOperation): void {
  const { filter, text } = operation.path;
  if (filter) {
    // `remove members[value eq "id"]` (aadOptscim062020).
    if (operation.op !== 'remove') {
      throw invalidPath(`"${text}": add or replace members with path "members" and a list of {"value": id}.`);
    }
    members.remove(selectedIds(filter, text));
    return;
  }
  const ids = memberIds(operation);
  if (operation.op === 'add') members.add(ids);
  // P-03/R-56: a remove that lists members removes only those.
  else if (operation.op === 'remove' && operation.value !== undefined) members.remove(ids);
  // a bare `remove members` empties the group. Q-13/O-02: `replace members` follows RFC 7644
  // and sets the members to exactly the list sent, even where some clients reportedly send only
  // the changed member; making it additive would leave members Entra removed in place forever.
  else members.replace(ids);
}

function memberIds(operation: PatchOperation): string[] {
  const elements = (operation.value ?? []) as ScimObject[];
  return elements.map((element, index) => {
    if (typeof element.value !== 'string') {
      throw invalidValue(`"${operation.path.text}" value ${index}: each member needs "value", the member's id.`);
    }
    return element.value;
  });
}

/** The ids a member filter selects: `value eq "id"`, possibly several joined by "or". */
function selectedIds(filter: Filter, text: string): string[] {
  if (filter.kind === 'or') return filter.filters.flatMap((part) => selectedIds(part, text));
  if (filter.kind === 'compare' && filter.operator === 'eq' && filter.path.attribute === 'value') {
    if (typeof filter.value === 'string') return [filter.value];
  }
  throw invalidFilter(`"${text}": members can be selected only by id, as members[value eq "<id>"].`);
}

/** Member changes folded in order; ids keep the order they were first given in. */
class MemberFold {
  private replacing = false;
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  add(ids: string[]): void {
    for (const id of ids) {
      this.removed.delete(id);
      this.added.add(id);
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      this.added.delete(id);
      // Once the whole list is being replaced, not listing an id is what removes it.
      if (!this.replacing) this.removed.add(id);
    }
  }

  replace(ids: string[]): void {
    this.replacing = true;
    this.added.clear();
    this.removed.clear();
    this.add(ids);
  }

  change(): GroupMembersChange {
    if (this.replacing) return { kind: 'replace', ids: [...this.added] };
    return { kind: 'delta', add: [...this.added], remove: [...this.removed] };
  }
}
