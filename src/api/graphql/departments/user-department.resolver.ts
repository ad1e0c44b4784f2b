import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { GraphQLContext } from '../context';
import { UserType } from '../users/user.types';
import { ReadsUser } from '../users/user-columns';
import { OWN_SELECTION } from '../record-columns';
import { departmentColumnsOf } from './department-columns';
import { departmentById } from './department.loaders';
import { DepartmentType } from './department.types';

/** A user's department, resolved here so users depend on nothing of departments. */
@Resolver(() => UserType)
export class UserDepartmentResolver {
  @FieldResolver(() => DepartmentType, { nullable: true, description: 'The department.' })
  @ReadsUser('departmentId')
  department(@Root() user: UserRecord, @Ctx() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return user.departmentId
      ? departmentById(context, departmentColumnsOf(info, OWN_SELECTION)).load(user.departmentId)
      : null;
  }
}
