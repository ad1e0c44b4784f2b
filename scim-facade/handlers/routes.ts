import { isHeavyList } from '../filter/heavy-list';
import type { ScimHandler } from '../http/scim-exchange';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './groups';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users';

export interface ScimRoute {
  method: string;
  /** Path segments below the SCIM base; `:id` captures. Matched ignoring case. */
  segments: readonly string[];
  /** For the provisioning log: which resource the route is about. */
  resource: string;
  handler: ScimHandler;
  /** Whether a request is heavy work (from its query), which takes one of the tenant's few heavy places. */
  heavy?: (query: Record<string, unknown>) => boolean;
}

export const SCIM_ROUTES: readonly ScimRoute[] = [
  { method: 'GET', segments: ['Users'], resource: 'Users', handler: listUsers, heavy: isHeavyList },
  { method: 'POST', segments: ['Users'], resource: 'Users', handler: createUser },
  { method: 'GET', segments: ['Users', ':id'], resource: 'User', handler: getUser },
  { method: 'PUT', segments: ['Users', ':id'], resource: 'User', handler: replaceUser },
  { method: 'PATCH', segments: ['Users', ':id'], resource: 'User', handler: patchUser },
  { method: 'DELETE', segments: ['Users', ':id'], resource: 'User', handler: deleteUser },
  { method: 'GET', segments: ['Groups'], resource: 'Groups', handler: listGroups, heavy: isHeavyList },
  { method: 'POST', segments: ['Groups'], resource: 'Groups', handler: createGroup },
  { method: 'GET', segments: ['Groups', ':id'], resource: 'Group', handler: getGroup },
  { method: 'PUT', segments: ['Groups', ':id'], resource: 'Group', handler: replaceGroup },
  { method: 'PATCH', segments: ['Groups', ':id'], resource: 'Group', handler: patchGroup },
  { method: 'DELETE', segments: ['Groups', ':id'], resource: 'Group', handler: deleteGroup },
];
