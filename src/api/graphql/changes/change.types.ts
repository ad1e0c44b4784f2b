import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../types/connection';

export enum DirectoryChangeType {
  CREATED = 'created',
  UPDATED = 'updated',
  DEACTIVATED = 'deactivated',
  REACTIVATED = 'reactivated',
  DELETED = 'deleted',
  RESTORED = 'restored',
  MANAGER_CHANGED = 'manager_changed',
  MEMBER_ADDED = 'member_added',
  MEMBER_REMOVED = 'member_removed',
}
registerEnumType(DirectoryChangeType, {
  name: 'DirectoryChangeType',
  description: 'What happened to an object.',
  valuesConfig: {
    CREATED: { description: 'The object was created (a new hire to onboard, for a user).' },
    UPDATED: { description: 'Attributes changed; changedFields names them.' },
    DEACTIVATED: { description: 'The user was deactivated (for example lost access in Entra): one to offboard.' },
    REACTIVATED: { description: 'The user was active again.' },
    DELETED: { description: 'The object was deleted (restorable within the retention window).' },
    RESTORED: { description: 'A deleted object was restored.' },
    MANAGER_CHANGED: { description: "The user's manager changed; see previousManagerId and managerId." },
    MEMBER_ADDED: { description: 'A member joined the group; see memberId.' },
    MEMBER_REMOVED: { description: 'A member left the group; see memberId.' },
  },
});

export enum DirectoryObjectType {
  USER = 'user',
  GROUP = 'group',
  DEPARTMENT = 'department',
}
registerEnumType(DirectoryObjectType, {
  name: 'DirectoryObjectType',
  description: 'The kind of object a change is about.',
  valuesConfig: {
    USER: { description: 'A user.' },
    GROUP: { description: 'A group.' },
    DEPARTMENT: { description: 'A department.' },
  },
});

@ObjectType({ description: 'One change to the directory, in commit order.', simpleResolvers: true })
export class DirectoryChange {
  @Field({ description: 'Pass as `after` to read the changes after this one.' })
  cursor!: string;

  @Field({ description: 'Position in the tenant’s change sequence (increases by one per change, no gaps).' })
  sequence!: string;

  @Field({ description: 'When the change was committed.' })
  occurredAt!: Date;

  @Field(() => DirectoryObjectType, { description: 'The kind of object.' })
  objectType!: DirectoryObjectType;

  @Field(() => ID, { description: 'The object’s id.' })
  objectId!: string;

  @Field(() => DirectoryChangeType, { description: 'What happened.' })
  changeType!: DirectoryChangeType;

  @Field(() => [String], { description: 'For UPDATED (and CREATED): the attributes that were written.' })
  changedFields!: string[];

  @Field(() => ID, { nullable: true, description: 'For MANAGER_CHANGED: the manager before.' })
  previousManagerId!: string | null;

  @Field(() => ID, { nullable: true, description: 'For MANAGER_CHANGED: the manager after (null: none).' })
  managerId!: string | null;

  @Field(() => ID, { nullable: true, description: 'For MEMBER_ADDED and MEMBER_REMOVED: the member.' })
  memberId!: string | null;

  @Field(() => DirectoryObjectType, {
    nullable: true,
    description: 'For MEMBER_ADDED and MEMBER_REMOVED: USER or GROUP.',
  })
  memberType!: DirectoryObjectType | null;

  @Field({
    description:
      'Who made the change: "scim:<token id>", "oauth:<OAuth client id>", "graphql:<token id>", "sso:<user id>" or "cli".',
  })
  actor!: string;
}

@ObjectType({ description: 'A page of the change feed.', simpleResolvers: true })
export class DirectoryChangeEdge {
  @Field({ description: 'Pass as `after` to continue after this change.' })
  cursor!: string;

  @Field(() => DirectoryChange, { description: 'The change.' })
  node!: DirectoryChange;
}

@ObjectType({
  description:
    'Changes after a cursor, oldest first. Keep pageInfo.endCursor and ask again later for what happened since.',
  simpleResolvers: true,
})
export class DirectoryChangeConnection {
  @Field(() => [DirectoryChangeEdge], { description: 'The changes with their cursors.' })
  edges!: DirectoryChangeEdge[];

  @Field(() => [DirectoryChange], { description: 'The changes (the same as edges.node).' })
  nodes!: DirectoryChange[];

  @Field(() => PageInfo, {
    description:
      'endCursor is where to continue from, even when the page is empty; hasNextPage says more are waiting now.',
  })
  pageInfo!: PageInfo;
}
