import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { ConnectionArgs } from '../types/list-args';
import { pageInfoOf } from '../types/connection';
import { userCountOf } from '../users/user.loaders';
import type { UserRecord } from '../../../domain/directory/users/user.record';
import type { ColumnChoice } from '../../../platform/db/entity-table';
import { UserFilterInput, UserType } from '../users/user.types';
import { ReadsUser, userColumnsOf } from '../users/user-columns';
import { CONNECTION_NODES, OWN_SELECTION } from '../record-columns';
import { managementChainOf, reportsCountOf, reportsOf } from './org-chart.loaders';
import { ReportConnection } from './org-chart.types';
import { MAX_ORG_DEPTH } from '../../../domain/directory/shared/org-depth';

/** The org-chart fields of a user. Each is answered for a whole page of users in one statement. */
@Resolver(() => UserType)
export class OrgChartResolver {
  @FieldResolver(() => [UserType], { description: "The user's managers, nearest first: manager, manager's manager, …" })
  @ReadsUser()
  managementChain(
    @Root() user: UserRecord,
    @Arg('maxDepth', () => Int, {
      defaultValue: MAX_ORG_DEPTH,
      description: `How many levels up, at most ${MAX_ORG_DEPTH}.`,
    })
    maxDepth: number,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return managementChainOf(context, maxDepth, userColumnsOf(info, OWN_SELECTION)).load(user.id);
  }

  @FieldResolver(() => ReportConnection, {
    description:
      'Everyone below this user in the management tree, as one flat list: nearest levels first, by userName within a level. Each edge says its depth and direct manager, so a client can draw several levels from one request.',
  })
  @ReadsUser()
  async reports(
    @Root() user: UserRecord,
    @Args() { first, after }: ConnectionArgs,
    @Arg('maxDepth', () => Int, {
      defaultValue: MAX_ORG_DEPTH,
      description: `How many levels down, at most ${MAX_ORG_DEPTH}.`,
    })
    maxDepth: number,
    @Arg('filter', () => UserFilterInput, {
      nullable: true,
      description: 'Which reports to return (the levels between still count).',
    })
    filter: UserFilterInput | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Each edge gives the report's managerId too.
    const columns = withKey(userColumnsOf(info, CONNECTION_NODES), 'managerId');
    const page = await reportsOf(context, { maxDepth, filter, page: { first, after }, columns }).load(user.id);
    const edges = page.items.map((report, index) => ({
      get cursor() {
        return page.cursorAt(index);
      },
      node: report.user,
      depth: report.depth,
      managerId: report.user.managerId,
    }));
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: pageInfoOf(page),
      totalCount: () => reportsCountOf(context, maxDepth, filter).load(user.id),
    };
  }

  @FieldResolver(() => Int, { description: 'How many people have this user as their direct manager.' })
  @ReadsUser()
  directReportsCount(@Root() user: UserRecord, @Ctx() context: GraphQLContext) {
    return userCountOf(context, 'manager', null).load(user.id);
  }

  @FieldResolver(() => Int, {
    description: 'How many people are below this user in the management tree, down to maxDepth levels.',
  })
  @ReadsUser()
  reportsCount(
    @Root() user: UserRecord,
    @Arg('maxDepth', () => Int, {
      defaultValue: MAX_ORG_DEPTH,
      description: `How many levels down, at most ${MAX_ORG_DEPTH}.`,
    })
    maxDepth: number,
    @Ctx() context: GraphQLContext,
  ) {
    return reportsCountOf(context, maxDepth).load(user.id);
  }
}

function withKey(columns: ColumnChoice<UserRecord>, key: keyof UserRecord & string): ColumnChoice<UserRecord> {
  return columns === undefined || columns.includes(key) ? columns : [...columns, key].sort();
}
