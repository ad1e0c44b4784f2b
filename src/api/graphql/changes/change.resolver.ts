import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { changeAsGraphQL } from './change.mapping';
import { DirectoryChangeConnection, DirectoryChangeType, DirectoryObjectType } from './change.types';

@Resolver()
export class ChangeFeedResolver {
  @Authorized('read')
  @Query(() => DirectoryChangeConnection, {
    description:
      'What changed in the directory after a cursor, in commit order, with no gaps or repeats: new hires, leavers, moves, renames, memberships. Start from directoryChangesLatestCursor (or without a cursor, from the oldest change kept). A cursor older than the retention window answers CURSOR_EXPIRED: read the current state again.',
  })
  async directoryChanges(
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor.' }) after: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'How many changes, at most 100.' }) first: number,
    @Arg('types', () => [DirectoryChangeType], { nullable: true, description: 'Only these kinds of change.' })
    types: DirectoryChangeType[] | null,
    @Arg('objectTypes', () => [DirectoryObjectType], {
      nullable: true,
      description: 'Only changes to these kinds of object.',
    })
    objectTypes: DirectoryObjectType[] | null,
    @Ctx() context: GraphQLContext,
  ): Promise<DirectoryChangeConnection> {
    const page = await context.changeFeed.read({ after, first, types, objectTypes });
    const nodes = page.changes.map((change, index) => changeAsGraphQL(change, page.cursors[index]!));
    return {
      edges: nodes.map((node) => ({ cursor: node.cursor, node })),
      nodes,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(after),
        startCursor: page.cursors[0] ?? null,
        endCursor: page.endCursor,
      },
    };
  }

  @Authorized('read')
  @Query(() => String, {
    description:
      'The cursor of the latest change: read directoryChanges after it to see only what happens from now on.',
  })
  directoryChangesLatestCursor(@Ctx() context: GraphQLContext): Promise<string> {
    return context.changeFeed.latestCursor();
  }
}
