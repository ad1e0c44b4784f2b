import type { GroupMembersPageQuery, ScimGroupFragment } from '../graphql/operation-types';
import { SCIM_GROUP_SCHEMA } from '../schema/urns';
import { etagOf, withoutEmpty, type ScimLocation } from './scim-meta';

/** A group as the facade's operations select it. */
export type GraphQLGroup = ScimGroupFragment;

/** A member as the operations select it (aliased: User.displayName is nullable, Group.displayName is not). */
export type GraphQLGroupMember = NonNullable<GroupMembersPageQuery['group']>['members']['nodes'][number];

export interface ScimGroupMember {
  value: string;
  $ref: string;
  display?: string;
  type: 'User' | 'Group';
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: ScimGroupMember[];
  meta: Record<string, unknown>;
}

/** The SCIM Group; members only when they were asked for (Entra always excludes them, R-52). */
export function groupToScim(
  group: GraphQLGroup,
  members: readonly GraphQLGroupMember[] | undefined,
  location: ScimLocation,
): ScimGroup {
  const resource = withoutEmpty({
    schemas: [SCIM_GROUP_SCHEMA],
    id: group.id,
    externalId: group.externalId,
    displayName: group.displayName,
    meta: {
      resourceType: 'Group',
      created: group.createdAt,
      lastModified: group.updatedAt,
      location: `${location.baseUrl}/Groups/${group.id}`,
      version: etagOf(group.version),
    },
  }) as ScimGroup;
  if (members) {
    // An empty group still says so: members: [].
    resource.members = members.map((member) =>
      withoutEmpty({
        value: member.id,
        $ref: `${location.baseUrl}/${member.__typename === 'User' ? 'Users' : 'Groups'}/${member.id}`,
        display: member.__typename === 'Group' ? member.groupDisplayName : (member.userDisplayName ?? member.userName),
        type: member.__typename,
      }),
    );
  }
  return resource;
}
