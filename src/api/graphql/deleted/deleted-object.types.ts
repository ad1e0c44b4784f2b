import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../types/connection';

@ObjectType('DeletedObject', {
  description:
    'A deleted user or group, restorable until the retention window (DELETED_RETENTION_DAYS, default 30 days) has passed.',
  simpleResolvers: true,
})
export class DeletedObjectType {
  @Field(() => ID, { description: 'The id it had, and will have again when restored.' })
  id!: string;

  @Field({ description: 'The userName (users) or displayName (groups) it had.' })
  name!: string;

  @Field({ description: 'When it was deleted.' })
  deletedAt!: Date;
}

export const DeletedObjectConnection = Connection(DeletedObjectType, 'DeletedObject', 'deleted object');

@InputType({ description: 'The deleted object to restore.' })
export class RestoreInput {
  @Field(() => ID, { description: 'The id of the deleted user or group.' })
  id!: string;
}
