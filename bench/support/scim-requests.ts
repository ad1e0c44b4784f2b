/** The SCIM request bodies the benchmarks send, one definition for bench:scim and bench:compare. */

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Entra's default PATCH dialect on a user: displayName, the work email, and active as text. */
export function defaultDialectUserPatch(active: boolean) {
  return {
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Replace', path: 'displayName', value: `Name ${Math.random()}` },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: `w${Math.random()}@bench.example` },
      { op: 'Replace', path: 'active', value: active ? 'True' : 'False' },
    ],
  };
}

/** A single-member Add, as Entra sends group memberships. */
export function memberAddPatch(userId: string) {
  return {
    schemas: [PATCH_OP],
    Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }],
  };
}
