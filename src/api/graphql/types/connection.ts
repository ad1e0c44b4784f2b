import { Field, Int, ObjectType, registerEnumType, type ClassType, type createUnionType } from 'type-graphql';
import type { Page } from '../../../platform/pagination';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending (A to Z, oldest first).' }, DESC: { description: 'Descending.' } },
});

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({
    description: 'Whether items precede this page (true when the page was asked for after a cursor or an offset).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

/** What a connection field returns; totalCount runs its count query only when it is selected. */
export interface ConnectionValue<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export function toConnection<T>(page: Page<T>, countTotal: () => Promise<number>): ConnectionValue<T> {
  return {
    edges: page.items.map((node, index) => ({
      node,
      get cursor() {
        return page.cursorAt(index);
      },
    })),
    nodes: page.items,
    pageInfo: pageInfoOf(page),
    totalCount: page.total === undefined ? countTotal : () => Promise.resolve(page.total!),
  };
}

/** A page's PageInfo; its cursors are made only when selected. */
export function pageInfoOf(page: Page<unknown>): PageInfo {
  const last = page.items.length - 1;
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    get startCursor() {
      return last < 0 ? null : page.cursorAt(0);
    },
    get endCursor() {
      return last < 0 ? null : page.cursorAt(last);
    },
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function Connection<T extends object>(
  nodeType: ClassType<T> | ReturnType<typeof createUnionType>,
  name: string,
  nodeDescription: string,
) {
  @ObjectType(`${name}Edge`, {
    description: `One ${nodeDescription} in a page, with its cursor.`,
    simpleResolvers: true,
  })
  class Edge {
    @Field({ description: 'Pass as `after` to continue after this item.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${nodeDescription}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${nodeDescription}s.`, simpleResolvers: true })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page (the same as edges.node).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: 'How many items match, over all pages. Costs a count query; select it only when needed.',
    })
    totalCount!: number;
  }
  return ConnectionType;
}
