import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.types';
import { ReadsUser } from '../users/user-columns';
import { departmentById } from './department.loaders';
import { DepartmentType } from './department.types';

/** A user's department, resolved here so users depend on nothing of departments. */
@Resolver(() => UserType)
export class UserDepartmentResolver {
  @FieldResolver(() => DepartmentType, { nullable: true, description: 'The department.' })
  @ReadsUser('departmentId')
  department(@Root() user: UserRecord, @Ctx() context: GraphQLContext) {
    return user.departmentId ? departmentById(context).load(user.departmentId) : null;
  }
}
