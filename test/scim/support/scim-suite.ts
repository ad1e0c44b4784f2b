import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { graphqlClient, type GraphQLClient } from '../../support/graphql';
import type { TestService } from '../../support/harness';
import { ERROR_SCHEMA, LIST_RESPONSE, scimClient, type ScimClient } from './scim-client';

/** RFC 7644 §8.1: every SCIM response says application/scim+json. */
export const SCIM_CONTENT_TYPE = /^application\/scim\+json(;|$)/;

export const MICROSOFT_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

/** A fresh tenant with the SCIM client Entra would hold and the admin GraphQL client to read state back. */
export interface ScimTenant {
  tenantId: string;
  scimToken: string;
  graphqlToken: string;
  scim: ScimClient;
  graphql: GraphQLClient;
}

export async function scimTenant(service: TestService, base = '/scim'): Promise<ScimTenant> {
  const tenant = await service.createTenant();
  return {
    tenantId: tenant.tenantId,
    scimToken: tenant.scimToken,
    graphqlToken: tenant.graphqlToken,
    scim: scimClient(service, tenant.scimToken, base),
    graphql: graphqlClient(service, tenant.graphqlToken),
  };
}

/** A unique value for names that must not collide (userName, displayName). */
export function unique(prefix = 'u'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text?: string;
}

export function expectScimJson(response: ResponseLike): void {
  expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
}

/** A SCIM error document: the error schema, status as a string, a detail, the scimType if given. */
export function expectScimError(response: ResponseLike, status: number, scimType?: string): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { schemas: [ERROR_SCHEMA], status: String(status) },
  });
  expectScimJson(response);
  expect(typeof response.body.detail).toBe('string');
  expect(response.body.detail.length).toBeGreaterThan(0);
  if (scimType !== undefined) expect(response.body.scimType).toBe(scimType);
}

/** A ListResponse with the four fields RFC 7644 §3.4.2 requires. */
export function expectListResponse(
  response: ResponseLike,
  expected: { totalResults?: number; startIndex?: number; itemsPerPage?: number } = {},
): any[] {
  expect(response.status).toBe(200);
  expectScimJson(response);
  expect(response.body.schemas).toEqual([LIST_RESPONSE]);
  expect(typeof response.body.totalResults).toBe('number');
  expect(typeof response.body.startIndex).toBe('number');
  expect(typeof response.body.itemsPerPage).toBe('number');
  expect(Array.isArray(response.body.Resources)).toBe(true);
  expect(response.body.itemsPerPage).toBe(response.body.Resources.length);
  if (expected.totalResults !== undefined) expect(response.body.totalResults).toBe(expected.totalResults);
  if (expected.startIndex !== undefined) expect(response.body.startIndex).toBe(expected.startIndex);
  if (expected.itemsPerPage !== undefined) expect(response.body.itemsPerPage).toBe(expected.itemsPerPage);
  return response.body.Resources as any[];
}

/** 204 No Content: no body at all. */
export function expectNoContent(response: Response): void {
  expect({ status: response.status, text: response.text }).toEqual({ status: 204, text: '' });
}

/** A filter as Entra puts it on the wire: `+` for spaces, %22 for quotes. */
export function wireFilter(filter: string): string {
  return encodeURIComponent(filter).replace(/%20/g, '+');
}

/** The user as the core holds it, read over GraphQL. */
export async function graphqlUser(client: GraphQLClient, id: string): Promise<any> {
  const data = await client.query<{ user: any }>(
    `query($id: ID!) { user(id: $id) { id userName externalId displayName givenName familyName formattedName title
      nickName preferredLanguage active employeeNumber costCenter organization division departmentName
      department { name } manager { id } emails { value type primary } phoneNumbers { value type }
      addresses { type formatted streetAddress postalCode } roles { value type primary display } version } }`,
    { id },
  );
  return data.user;
}

/** A group's member ids as the core holds them, read over GraphQL. */
export async function graphqlMemberIds(client: GraphQLClient, groupId: string): Promise<string[] | null> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await client.query(
      `query($id: ID!, $after: String) { group(id: $id) { members(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { ... on User { id } ... on Group { id } } } } }`,
      { id: groupId, after },
    );
    if (!data.group) return null;
    ids.push(...data.group.members.nodes.map((node: { id: string }) => node.id));
    if (!data.group.members.pageInfo.hasNextPage) return ids.sort();
    after = data.group.members.pageInfo.endCursor;
  }
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
  /** From sending the request to the end of the answer. */
  elapsedMs: number;
}

/**
 * An HTTP request with exactly the headers given (supertest adds User-Agent and Accept-Encoding),
 * for the transport requirements: no User-Agent (P-13), no Accept, odd paths.
 */
export function rawRequest(
  service: TestService,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const url = new URL(service.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: {
          ...(options.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          const elapsedMs = Math.round(performance.now() - started);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body, elapsedMs });
        });
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** Runs `tasks` with at most `limit` in flight, as Entra's several connections per job do. */
export async function inParallel<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
