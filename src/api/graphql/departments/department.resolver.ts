import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { userColumnsOf } from '../users/user-columns';
import { CONNECTION_NODES } from '../record-columns';
import type { GraphQLContext } from '../context';
import { runMutation } from '../mutation';
import { OrderDirection, toConnection } from '../types/connection';
import { ConnectionArgs, ListArgs } from '../types/list-args';
import { userById, userCountOf, usersOf } from '../users/user.loaders';
import { toUserOrder } from '../users/user-order';
import { UserConnection, UserFilterInput, UserOrder, UserType } from '../users/user.types';
import { ReadsDepartment } from './department-columns';
import { ancestorsOf, childrenOf, departmentById } from './department.loaders';
import type { DepartmentRecord } from '../../../domain/directory/departments/department.record';
import {
  DepartmentConnection,
  DepartmentCreateInput,
  DepartmentFilterInput,
  DepartmentMoveInput,
  DepartmentOrder,
  DepartmentPayload,
  DepartmentType,
  DepartmentUpdateInput,
} from './department.types';

@Resolver(() => DepartmentType)
export class DepartmentResolver {
  @Authorized('read')
  @Query(() => DepartmentType, { nullable: true, description: 'A department by id; null when there is none.' })
  department(@Arg('id', () => ID, { description: 'The department id.' }) id: string, @Ctx() context: GraphQLContext) {
    return departmentById(context).load(id);
  }

  @Authorized('read')
  @Query(() => DepartmentConnection, { description: 'Departments, filtered and sorted, a page at a time.' })
  async departments(
    @Args() { first, after, offset }: ListArgs,
    @Arg('filter', () => DepartmentFilterInput, { nullable: true, description: 'Which departments to return.' })
    filter: DepartmentFilterInput | null,
    @Arg('orderBy', () => DepartmentOrder, { nullable: true, description: 'Sort order; by name when omitted.' })
    orderBy: DepartmentOrder | null,
    @Ctx() context: GraphQLContext,
  ) {
    const order = orderBy ? { field: orderBy.field, descending: orderBy.direction === OrderDirection.DESC } : undefined;
    const page = await context.departments.list(filter, order, { first, after, offset });
    return toConnection(page, () => context.departments.count(filter));
  }

  @FieldResolver(() => DepartmentType, { nullable: true, description: 'The parent department.' })
  @ReadsDepartment('parentId')
  parent(@Root() department: DepartmentRecord, @Ctx() context: GraphQLContext) {
    return department.parentId ? departmentById(context).load(department.parentId) : null;
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'The user who heads the department.' })
  @ReadsDepartment('headUserId')
  head(@Root() department: DepartmentRecord, @Ctx() context: GraphQLContext) {
    return department.headUserId ? userById(context).load(department.headUserId) : null;
  }

  @FieldResolver(() => UserConnection, {
    description:
      'The users in this department, and with includeSubDepartments also those in every department below it.',
  })
  @ReadsDepartment()
  members(
    @Root() department: DepartmentRecord,
    @Args() { first, after }: ConnectionArgs,
    @Arg('includeSubDepartments', () => Boolean, {
      defaultValue: false,
      description: 'Also members of sub-departments, at any depth.',
    })
    includeSubDepartments: boolean,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Which members to return.' })
    filter: UserFilterInput | null,
    @Arg('orderBy', () => UserOrder, { nullable: true, description: 'Sort order; by userName when omitted.' })
    orderBy: UserOrder | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const parent = includeSubDepartments ? 'departmentTree' : 'department';
    const columns = userColumnsOf(info, CONNECTION_NODES);
    return usersOf(context, parent, { filter, order: toUserOrder(orderBy), page: { first, after }, columns }).load(
      department.id,
    );
  }

  @FieldResolver(() => Int, {
    description: 'How many users are in this department (with includeSubDepartments: and below it).',
  })
  @ReadsDepartment()
  headcount(
    @Root() department: DepartmentRecord,
    @Arg('includeSubDepartments', () => Boolean, {
      defaultValue: false,
      description: 'Also count sub-departments, at any depth.',
    })
    includeSubDepartments: boolean,
    @Ctx() context: GraphQLContext,
  ) {
    return userCountOf(context, includeSubDepartments ? 'departmentTree' : 'department', null).load(department.id);
  }

  @FieldResolver(() => DepartmentConnection, { description: 'The departments directly below this one, by name.' })
  @ReadsDepartment()
  children(
    @Root() department: DepartmentRecord,
    @Args() { first, after }: ConnectionArgs,
    @Ctx() context: GraphQLContext,
  ) {
    return childrenOf(context, { first, after }).load(department.id);
  }

  @FieldResolver(() => [DepartmentType], {
    description: 'The departments above this one, nearest first, up to the top.',
  })
  @ReadsDepartment()
  ancestors(@Root() department: DepartmentRecord, @Ctx() context: GraphQLContext) {
    return ancestorsOf(context).load(department.id);
  }

  @Authorized('write')
  @Mutation(() => DepartmentPayload, {
    description:
      'Moves a department under another department, or to the top. Refused when it would put a department below itself.',
  })
  departmentMove(
    @Arg('input', () => DepartmentMoveInput, { description: 'The department and its new parent.' })
    input: DepartmentMoveInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<DepartmentPayload>(
      context,
      async () => ({
        department: await context.departments.move(input.id, input.parentId ?? null, input.expectedVersion),
      }),
      { department: null },
    );
  }

  @Authorized('write')
  @Mutation(() => DepartmentPayload, { description: 'Creates a department.' })
  departmentCreate(
    @Arg('input', () => DepartmentCreateInput, { description: 'The new department.' }) input: DepartmentCreateInput,
    @Ctx() context: GraphQLContext,
  ) {
    return runMutation<DepartmentPayload>(
      context,
      async () => ({ department: await context.departments.create(input) }),
      {
        department: null,
      },
    );
  }

  @Authorized('write')
  @Mutation(() => DepartmentPayload, { description: 'Changes a department.' })
  departmentUpdate(
    @Arg('input', () => DepartmentUpdateInput, { description: 'The changes.' }) input: DepartmentUpdateInput,
    @Ctx() context: GraphQLContext,
  ) {
    const { id, expectedVersion, ...attributes } = input;
    return runMutation<DepartmentPayload>(
      context,
      async () => ({ department: await context.departments.update(id, attributes, expectedVersion) }),
      { department: null },
    );
  }
}
