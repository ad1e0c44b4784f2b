import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/pagination';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, at most ${MAX_PAGE_SIZE}.`,
  })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (pageInfo.endCursor of the previous page).',
  })
  after?: string | null;
}

@ArgsType()
export class ListArgs extends ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Skip this many items first (for numbered pages, as SCIM does). Cursors are faster for deep pages.',
  })
  offset?: number | null;
}
