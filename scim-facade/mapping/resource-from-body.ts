import { invalidSyntax, invalidValue } from '../errors';
import { applyUserPatch } from '../patch/apply-user-patch';
import { fieldIgnoringCase, isObject } from '../patch/coerce-value';
import { parsePatchRequest } from '../patch/parse-patch-request';
import { type ScimUser } from '../resources/scim-user';
import { SCIM_GROUP_SCHEMA, SCIM_PATCH_OP } from '../schema/urns';
import { USER_RESOURCE, type ResourceSchemas } from '../schema/scim-schemas';
import { noIgnoredAttributes, type IgnoredAttributes } from '../patch/patch-operation';

/** Server-maintained attributes a client may send back in a POST or PUT body; they are not input. */
const SERVER_ATTRIBUTES = new Set(['schemas', 'id', 'meta', 'groups']);

/**
 * A POST or PUT body as a canonical ScimUser. It is applied as a path-less `add` to an empty user,
 * so a body gets exactly the leniency a PATCH gets: names ignoring case (P-14), "True"/"False"
 * booleans, extension objects and URN-qualified keys, unknown attributes ignored.
 */
export function userFromBody(
  body: unknown,
  resource: ResourceSchemas = USER_RESOURCE,
  ignored: IgnoredAttributes = noIgnoredAttributes(),
): ScimUser {
  if (!isObject(body)) throw invalidSyntax('The request body must be a JSON object (a SCIM User).');
  const attributes = Object.fromEntries(
    Object.entries(body).filter(([key]) => !SERVER_ATTRIBUTES.has(key.toLowerCase())),
  );
  const operations = parsePatchRequest(
    { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'add', value: attributes }] },
    resource,
    ignored,
  );
  return applyUserPatch({}, operations);
}

export interface GroupBody {
  displayName?: string;
  externalId?: string | null;
  memberIds?: string[];
}

/**
 * A POST or PUT Group body: displayName, externalId and member ids, names ignoring case, also
 * nested under the core Group schema URN as users may nest theirs. Members may be bare ids.
 */
export function groupFromBody(sent: unknown): GroupBody {
  if (!isObject(sent)) throw invalidSyntax('The request body must be a JSON object (a SCIM Group).');
  const nested = fieldIgnoringCase(sent, SCIM_GROUP_SCHEMA);
  const body = isObject(nested) ? { ...sent, ...nested } : sent;
  const displayName = fieldIgnoringCase(body, 'displayName');
  const externalId = fieldIgnoringCase(body, 'externalId');
  const members = fieldIgnoringCase(body, 'members');
  if (displayName !== undefined && displayName !== null && typeof displayName !== 'string') {
    throw invalidValue('displayName must be a string.');
  }
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    throw invalidValue('externalId must be a string.');
  }
  if (members !== undefined && members !== null && !Array.isArray(members)) {
    throw invalidValue('members must be a list of {"value": "<id>"}.');
  }
  const memberIds = (members ?? []).map((member: unknown, index: number) => {
    const value = isObject(member) ? fieldIgnoringCase(member, 'value') : member;
    if (typeof value !== 'string' || value === '')
      throw invalidValue(`members[${index}] has no "value" (the member's id).`);
    return value;
  });
  return { displayName: displayName ?? undefined, externalId: externalId ?? null, memberIds };
}
