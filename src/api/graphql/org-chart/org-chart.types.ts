import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../types/connection';
import { UserType } from '../users/user.types';

@ObjectType({
  description: 'A report in the management tree, with where it sits below the manager asked about.',
  simpleResolvers: true,
})
export class ReportEdge {
  @Field({ description: 'Pass as `after` to continue after this report.' })
  cursor!: string;

  @Field(() => UserType, { description: 'The report.' })
  node!: UserType;

  @Field(() => Int, { description: 'Levels below the manager asked about: 1 for a direct report.' })
  depth!: number;

  @Field(() => ID, { description: "The report's direct manager, to draw the tree from one flat page." })
  managerId!: string;
}

@ObjectType({
  description: 'Everyone below a manager, nearest levels first and by userName within a level, a page at a time.',
  simpleResolvers: true,
})
export class ReportConnection {
  @Field(() => [ReportEdge], { description: 'The reports of this page, with depth and direct manager.' })
  edges!: ReportEdge[];

  @Field(() => [UserType], { description: 'The reports of this page (the same as edges.node).' })
  nodes!: UserType[];

  @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many reports there are within maxDepth (and the filter), over all pages.' })
  totalCount!: number;
}
