import { createGroup, createUser, graphqlClient, type GraphQLClient } from '../support/graphql';
import { startTestService, type TestService } from '../support/harness';

let service: TestService;
let client: GraphQLClient;
beforeAll(async () => {
  service = await startTestService();
  client = graphqlClient(service, (await service.createTenant()).graphqlToken);
  const people = [
    ['ann.lee@x.com', 'Ann Lee', 'Ann', 'Lee'],
    ['joanne@x.com', 'Joanne Smith', 'Joanne', 'Smith'],
    ['hannah@x.com', 'Hannah Åberg', 'Hannah', 'Åberg'],
    ['bob@x.com', 'Bob Annersson', 'Bob', 'Annersson'],
    ['zoe@x.com', 'Zoë Müller', 'Zoë', 'Müller'],
    ['carl@x.com', 'Carl 100%_Sure', 'Carl', 'Sure'],
  ];
  for (const [userName, displayName, givenName, familyName] of people) {
    await createUser(client, {
      userName,
      displayName,
      givenName,
      familyName,
      emails: [{ value: `${givenName}@mail.example`, type: 'work' }],
    });
  }
  await createUser(client, {
    userName: 'x1@x.com',
    displayName: 'Someone',
    emails: [{ value: 'annika.work@corp.example', type: 'work' }],
  });
  for (const name of ['Annual planning', 'Finance', 'Plan B', 'Café crew'])
    await createGroup(client, { displayName: name });
});
afterAll(() => service.close());

const SEARCH = `query($q: String!, $first: Int) { users(search: $q, first: $first) { totalCount nodes { userName } } }`;
const userNames = async (q: string, first = 20) =>
  (await client.query(SEARCH, { q, first })).users.nodes.map((n: any) => n.userName);

describe('type-ahead search', () => {
  it('matches by prefix and substring: names starting with the term, then other words starting with it, then the rest', async () => {
    expect(await userNames('ann')).toEqual([
      'ann.lee@x.com', // given name starts with "ann"
      'bob@x.com', // family name Annersson
      'x1@x.com', // an email starts with "ann"
      'hannah@x.com', // contains "ann"
      'joanne@x.com',
    ]);
  });

  it('ignores case and accents both ways', async () => {
    expect(await userNames('ZOE')).toEqual(['zoe@x.com']);
    expect(await userNames('muller')).toEqual(['zoe@x.com']);
    expect(await userNames('åberg')).toEqual(['hannah@x.com']);
    expect(await userNames('Aberg')).toEqual(['hannah@x.com']);
  });

  it('requires every word, and finds emails and userNames', async () => {
    expect(await userNames('ann lee')).toEqual(['ann.lee@x.com']);
    expect(await userNames('annika.work')).toEqual(['x1@x.com']);
    expect(await userNames('joanne@')).toEqual(['joanne@x.com']);
  });

  it('matches wildcard characters literally', async () => {
    expect(await userNames('100%_')).toEqual(['carl@x.com']);
    expect(await userNames('%')).toEqual(['carl@x.com']);
    expect(await userNames('_')).toEqual(['carl@x.com']);
  });

  it('pages search results with cursors and counts them', async () => {
    const first = await client.query(
      `{ users(search: "ann", first: 2) { totalCount pageInfo { endCursor } nodes { userName } } }`,
    );
    expect(first.users.totalCount).toBe(5);
    const rest = await client.query(
      `query($after: String) { users(search: "ann", first: 10, after: $after) { nodes { userName } } }`,
      {
        after: first.users.pageInfo.endCursor,
      },
    );
    expect([...first.users.nodes, ...rest.users.nodes].map((n: any) => n.userName)).toEqual(await userNames('ann'));
  });

  it('lists names starting with the term in name order, whatever their userNames', async () => {
    const own = graphqlClient(service, (await service.createTenant()).graphqlToken);
    for (const [userName, displayName] of [
      ['a@x.com', 'Annika Öberg'],
      ['b@x.com', 'Ann Zetterlund'],
      ['c@x.com', 'Anna Adams'],
      ['d@x.com', 'Ann Berg'],
    ])
      await createUser(own, { userName, displayName });
    const data = await own.query(`{ users(search: "ann") { nodes { displayName } } }`);
    expect(data.users.nodes.map((n: any) => n.displayName)).toEqual([
      'Ann Berg',
      'Ann Zetterlund',
      'Anna Adams',
      'Annika Öberg',
    ]);
  });

  it('pages one result at a time through every rank without gaps or repeats, with or without a filter', async () => {
    const walk = async (filter: object | null) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const data: any = await client.query(
          `query($after: String, $filter: UserFilterInput) {
             users(search: "ann", first: 1, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } nodes { userName } }
           }`,
          { after, filter },
        );
        seen.push(...data.users.nodes.map((n: any) => n.userName));
        if (!data.users.pageInfo.hasNextPage) return seen;
        after = data.users.pageInfo.endCursor;
      }
      throw new Error(`paging did not end: ${seen.join(', ')}`);
    };
    const all = await userNames('ann');
    expect(all).toHaveLength(5);
    expect(await walk(null)).toEqual(all);
    expect(await walk({ active: true })).toEqual(all);
  });

  it('refuses a forged cursor with a clear error', async () => {
    const forged = Buffer.from(JSON.stringify(['user:RELEVANCE', '0ann\u0000', 'x'])).toString('base64url');
    const response = await client.raw(
      `query($after: String) { users(search: "ann", after: $after) { nodes { id } } }`,
      { after: forged },
    );
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/cursor/);
  });

  it('searches groups by name the same way', async () => {
    const data = await client.query(
      `{ a: groups(search: "plan") { nodes { displayName } } b: groups(search: "CAFE") { nodes { displayName } } }`,
    );
    expect(data.a.nodes.map((n: any) => n.displayName)).toEqual(['Plan B', 'Annual planning']);
    expect(data.b.nodes.map((n: any) => n.displayName)).toEqual(['Café crew']);
  });
});
