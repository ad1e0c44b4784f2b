import { bodyParser } from '@koa/bodyparser';
import type { Context as KoaContext, Middleware } from 'koa';
import type { Logger } from 'pino';
import { bearerToken } from '../src/api/auth/bearer-token';
import type { ScimAdmission } from '../src/api/auth/scim-admission';
import { createContext } from '../src/api/graphql/context';
import type { InProcessGraphQL } from '../src/api/graphql/in-process-graphql';
import { BodyTimeoutError, readBodyWithin } from '../src/api/http/read-body';
import type { RequestRunner, RequestSession, RunOutcome } from '../src/api/http/request-runner';
import type { Config } from '../src/platform/config';
import { ScimError, invalidSyntax } from './errors';
import { ScimGraphQL } from './graphql/executor';
import { resourceTypes, schemas, serviceProviderConfig } from './handlers/discovery';
import { SCIM_ROUTES } from './handlers/routes';
import type { ProvisioningNote, ScimHandlerContext, ScimRequest, ScimResponse } from './http/scim-exchange';
import type { ScimLocation } from './mapping/scim-meta';
import { SCIM_ERROR } from './schema/urns';
import type { ScimSchema } from './schema/scim-schemas';
import { tenantSchemas } from './schema/tenant-schemas';

const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ScimFacadeDependencies {
  /** Runs the facade's operations (graphql/operations.ts) against the core's schema. */
  graphql: InProcessGraphQL;
  runner: RequestRunner;
  admit: ScimAdmission;
  config: Config;
  log: Logger;
}

/**
 * The SCIM 2.0 facade at /scim and /scim/v2 (the Tenant URL an admin pastes is …/scim). It reads
 * the request, then has the request runner authenticate the tenant's SCIM token and run the
 * matching handler in one transaction, with the provisioning log entry written at its commit (or,
 * for a failure, on its own). Every response, errors included, is SCIM JSON.
 */
export function scimFacade(dependencies: ScimFacadeDependencies): Middleware {
  const { config } = dependencies;
  // Entra sends application/scim+json; any body is read as JSON, and 415 is never answered.
  // Not jsonStrict: it reads an empty body as {} (a POST would then fail on a missing userName
  // rather than on the missing body); readBody checks for an object itself.
  const parseBody = bodyParser({
    enableTypes: ['json'],
    detectJSON: () => true,
    jsonLimit: config.requestBodyLimitBytes,
    jsonStrict: false,
  });

  return async (ctx, next) => {
    const prefix = /^\/scim(\/v2)?(?=\/|$)/i.exec(ctx.path)?.[0];
    if (!prefix) return next();
    // Tolerate the trailing and doubled slashes a pasted Tenant URL produces.
    const path = `/${ctx.path.slice(prefix.length).split('/').filter(Boolean).join('/')}`;
    const location: ScimLocation = { baseUrl: `${config.publicBaseUrl ?? requestOrigin(ctx)}${prefix}` };
    const log: Logger = ctx.state.log ?? dependencies.log;
    const response = await respond(ctx, path, location, parseBody, log, dependencies).catch((error: unknown) => {
      // Failures of the work itself arrive as ScimErrors, already logged by the runner.
      if (!(error instanceof ScimError)) log.error({ err: error }, 'SCIM request failed');
      return errorResponse(toScimError(error));
    });
    ctx.status = response.status;
    for (const [name, value] of Object.entries(response.headers ?? {})) ctx.set(name, value);
    if (response.body !== undefined) {
      ctx.type = SCIM_CONTENT_TYPE;
      ctx.body = JSON.stringify(response.body);
    } else {
      ctx.body = null;
      ctx.status = response.status;
    }
  };
}

async function respond(
  ctx: KoaContext,
  path: string,
  location: ScimLocation,
  parseBody: Middleware,
  log: Logger,
  dependencies: ScimFacadeDependencies,
): Promise<ScimResponse> {
  const secret = bearerToken(ctx.get('authorization'));
  const discovery = discoveryRequest(ctx.method, path, location);
  if (discovery) {
    ctx.state.metricsRoute = `/${discovery.resource}`;
    if (!secret || !discovery.perTenant) return discovery.respond([]);
    return tenantDiscovery(secret, discovery.respond, log, dependencies);
  }

  const route = matchRoute(ctx.method, path);
  if (!route) throw notRouted(ctx.method, path);
  // For metrics: the route's template and resource, never the path with its ids.
  ctx.state.metricsRoute = `/${route.segments.join('/')}`;
  ctx.state.scimResource = route.resource;

  if (!secret) throw new ScimError(401, 'Send the SCIM secret token as "Authorization: Bearer <token>".');
  // The body is read before the runner takes a database connection: a slow client holds a socket,
  // never a pooled connection.
  if (WRITE_METHODS.has(ctx.method) && ctx.method !== 'DELETE') {
    await readBody(ctx, parseBody, dependencies.config.http.bodyReadTimeoutMs);
  }
  const request: ScimRequest = {
    method: ctx.method,
    path,
    params: route.params,
    query: ctx.query,
    body: (ctx.request as { body?: unknown }).body,
    ifMatch: ctx.get('if-match') || undefined,
    ifNoneMatch: ctx.get('if-none-match') || undefined,
  };
  // What the handler says about the request, for the provisioning log of a success or a failure.
  const firstNote: ProvisioningNote = { operation: `${ctx.method} ${route.resource}` };
  let note = firstNote;
  const graphqlFor = (session: RequestSession) =>
    new ScimGraphQL(dependencies.graphql, createContext({ ...session, mutationAtomicity: 'whole-request' }));

  const outcome = await dependencies.runner.run<ScimResponse>({
    log,
    credential: secret,
    heavy: route.heavy?.(request.query) ?? false,
    admit: () => dependencies.admit(secret),
    work: async (session) => {
      // A request that lost to a concurrent one runs again (request-runner.ts): from the first note.
      const handlerContext: ScimHandlerContext = { graphql: graphqlFor(session), location, note: { ...firstNote } };
      const response = await route.handler(request, handlerContext).finally(() => {
        note = handlerContext.note;
      });
      if (WRITE_METHODS.has(ctx.method)) {
        await handlerContext.graphql.recordProvisioningEvent(provisioningEvent(ctx, note, response.status));
      }
      return { result: response, commit: true };
    },
    recordFailure: async (session, error) => {
      const scimError = toScimError(error);
      if (scimError.status >= 500 && !(error instanceof ScimError)) return;
      await graphqlFor(session).recordProvisioningEvent(provisioningEvent(ctx, note, scimError.status, scimError));
    },
    isClientError: (error) => error instanceof ScimError && error.status < 500,
  });
  return responseOf(outcome);
}

/** The runner's outcome as the SCIM response, or the SCIM error to answer with. */
function responseOf(outcome: RunOutcome<ScimResponse>): ScimResponse {
  switch (outcome.kind) {
    case 'done':
      return outcome.result;
    case 'refused':
      // The admission's message says what was wrong with the credential (unknown, expired, revoked).
      throw new ScimError(outcome.refusal.status, outcome.refusal.message);
    case 'unavailable':
    case 'timedOut':
      throw new ScimError(503, outcome.message);
    case 'busy':
      throw new ScimError(429, outcome.message, undefined, outcome.retryAfterSeconds);
    case 'failed':
      throw toScimError(outcome.error);
  }
}

/** Where the client reached us. Not ctx.origin: since Koa 3 that is the Origin request header. */
function requestOrigin(ctx: KoaContext): string {
  return `${ctx.protocol}://${ctx.host}`;
}

interface DiscoveryRequest {
  /** For metrics: the resource and, for one item, its template (`Schemas/:id`). */
  resource: string;
  /** Whether a token shows that tenant's own extension schemas too (/Schemas, /ResourceTypes). */
  perTenant: boolean;
  respond: (tenantSchemas: readonly ScimSchema[]) => ScimResponse;
}

function discoveryRequest(method: string, path: string, location: ScimLocation): DiscoveryRequest | undefined {
  const [resource, id, ...rest] = path.split('/').filter(Boolean).map(decodeSegment);
  if (rest.length > 0 || resource === undefined) return undefined;
  const name = resource.toLowerCase();
  // /serviceConfiguration is where Microsoft's SCIM reference implementation serves it.
  const known = ['serviceproviderconfig', 'serviceproviderconfigs', 'serviceconfiguration', 'resourcetypes', 'schemas'];
  if (!known.includes(name)) return undefined;
  if (method !== 'GET') throw new ScimError(405, `${resource} is read-only; use GET.`);
  if (name.startsWith('service')) {
    return { resource: 'ServiceProviderConfig', perTenant: false, respond: () => serviceProviderConfig(location) };
  }
  const template = id === undefined ? '' : '/:id';
  return {
    resource: `${name === 'resourcetypes' ? 'ResourceTypes' : 'Schemas'}${template}`,
    perTenant: true,
    respond: (tenantSchemas) =>
      name === 'resourcetypes' ? resourceTypes(location, id, tenantSchemas) : schemas(location, id, tenantSchemas),
  };
}

/** Discovery with a token: that tenant's declared extension schemas too, read in its transaction. */
async function tenantDiscovery(
  secret: string,
  respond: DiscoveryRequest['respond'],
  log: Logger,
  dependencies: ScimFacadeDependencies,
): Promise<ScimResponse> {
  const outcome = await dependencies.runner.run<ScimResponse>({
    log,
    credential: secret,
    admit: () => dependencies.admit(secret),
    work: async (session) => {
      const graphql = new ScimGraphQL(
        dependencies.graphql,
        createContext({ ...session, mutationAtomicity: 'whole-request' }),
      );
      const data = await graphql.run('ExtensionAttributes', {});
      return { result: respond(tenantSchemas(data.extensionAttributes)), commit: true };
    },
    recordFailure: async () => undefined,
    isClientError: (error) => error instanceof ScimError && error.status < 500,
  });
  return responseOf(outcome);
}

function matchRoute(method: string, path: string) {
  const segments = path.split('/').filter(Boolean);
  for (const route of SCIM_ROUTES) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = route.segments.every((segment, index) => {
      const actual = segments[index]!;
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeSegment(actual);
        return true;
      }
      return segment.toLowerCase() === actual.toLowerCase();
    });
    if (matches) return { ...route, params };
  }
  return undefined;
}

/**
 * A path segment, percent-decoded. A broken encoding (`%zz`) is kept as sent rather than failing
 * the request with a 500: no resource has such an id, so the handler answers 404.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return segment;
    throw error;
  }
}

function notRouted(method: string, path: string): ScimError {
  const segments = path.split('/').filter(Boolean);
  const known = SCIM_ROUTES.some(
    (route) =>
      route.segments.length === segments.length &&
      route.segments.every(
        (segment, i) => segment.startsWith(':') || segment.toLowerCase() === segments[i]!.toLowerCase(),
      ),
  );
  if (known) return new ScimError(405, `${method} is not supported on ${path}.`);
  return new ScimError(
    404,
    `There is no SCIM endpoint ${path}. The endpoints are /Users, /Groups, /Schemas, /ResourceTypes and /ServiceProviderConfig.`,
  );
}

async function readBody(ctx: KoaContext, parseBody: Middleware, timeoutMs: number): Promise<void> {
  try {
    await readBodyWithin(ctx, parseBody, timeoutMs);
  } catch (error) {
    if (error instanceof BodyTimeoutError) throw new ScimError(408, error.message);
    const status = (error as { status?: number }).status;
    if (status === 413) {
      // The rest of the body is not read: the connection ends with the answer (src/api/http/json-errors.ts).
      ctx.set('Connection', 'close');
      throw new ScimError(413, 'The request body is larger than this service accepts; send fewer changes per request.');
    }
    throw invalidSyntax('The request body is not valid JSON.');
  }
  const body = (ctx.request as { body?: unknown }).body;
  if (body === '' || body === undefined) throw invalidSyntax('The request body is empty; send a JSON object.');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidSyntax('The request body must be a JSON object.');
  }
}

function provisioningEvent(ctx: KoaContext, note: ProvisioningNote, status: number, error?: ScimError) {
  return {
    requestId: (ctx.state.requestId as string | undefined) ?? null,
    method: ctx.method,
    path: ctx.path,
    operation: note.operation,
    resourceType: note.resourceType ?? null,
    resourceId: note.resourceId ?? null,
    status,
    outcome: status < 400 ? 'SUCCESS' : 'FAILURE',
    scimType: error?.scimType ?? null,
    detail: error?.detail ?? null,
    warnings: note.warnings ?? [],
    undeclaredAttributes: note.undeclaredAttributes ?? [],
  } as const;
}

function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  return new ScimError(500, 'The directory failed to handle this request. It has been logged; retry later.');
}

function errorResponse(scimError: ScimError): ScimResponse {
  const headers: Record<string, string> = {};
  if (scimError.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="evercate-directory SCIM"';
  if (scimError.status === 503) headers['Retry-After'] = '5';
  if (scimError.retryAfterSeconds !== undefined) headers['Retry-After'] = String(scimError.retryAfterSeconds);
  return {
    status: scimError.status,
    headers,
    body: {
      schemas: [SCIM_ERROR],
      status: String(scimError.status),
      ...(scimError.scimType ? { scimType: scimError.scimType } : {}),
      detail: scimError.detail,
    },
  };
}
