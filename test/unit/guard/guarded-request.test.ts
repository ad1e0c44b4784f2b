import { guardedRequest } from '../../../src/api/graphql/guard/guarded-request';

describe('guardedRequest', () => {
  it('reads a POST body', () => {
    const body = {
      query: '{ a }',
      variables: { n: 1 },
      operationName: 'A',
      extensions: { persistedQuery: { version: 1 } },
    };
    expect(guardedRequest({ method: 'POST', query: {}, body })).toEqual({
      query: '{ a }',
      variables: { n: 1 },
      operationName: 'A',
      persistedQuery: true,
    });
  });

  it('reads a GET URL, variables and extensions as JSON', () => {
    const query = { query: '{ a }', variables: '{"n":1}', extensions: '{"persistedQuery":{}}' };
    expect(guardedRequest({ method: 'GET', query, body: {} })).toEqual({
      query: '{ a }',
      variables: { n: 1 },
      operationName: undefined,
      persistedQuery: true,
    });
  });

  it('leaves out what Apollo refuses itself', () => {
    const malformed = { method: 'GET', query: { query: ['{ a }', '{ b }'], variables: '{not json' }, body: {} };
    expect(guardedRequest(malformed)).toEqual({ persistedQuery: false });
    expect(guardedRequest({ method: 'POST', query: {}, body: [{ query: '{ a }' }] })).toEqual({
      persistedQuery: false,
    });
    expect(guardedRequest({ method: 'POST', query: {}, body: { query: 1, variables: [1] } })).toEqual({
      persistedQuery: false,
    });
  });
});
