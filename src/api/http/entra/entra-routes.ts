import type Router from '@koa/router';
import type { Context as KoaContext } from 'koa';
import type { Logger } from 'pino';
import {
  AUTHORIZATION_REQUEST_MINUTES,
  consumeAuthorizationRequest,
  consumedRequest,
  signInRequestInsert,
  type ConsumedAuthorizationRequest,
  type ConsumedRequestRow,
} from '../../../domain/accounts/entra/authorization-requests';
import type { EntraAdministrator } from '../../../domain/accounts/entra/entra-connection.record';
import { EntraConnectionService } from '../../../domain/accounts/entra/entra-connection.service';
import type { Database } from '../../../platform/db/database';
import { DomainError, TransientDatabaseError } from '../../../platform/errors';
import { enterTenantAs } from '../../auth/authenticate';
import { browserBinding, takeBrowserBinding } from '../../auth/entra/browser-binding';
import type { EntraConnectFlow } from '../../auth/entra/entra-connect-flow';
import type { VerifiedEntraIdToken } from '../../auth/entra/entra-id-token';
import { EntraSignInError, START_AGAIN } from '../../auth/entra/entra-sign-in-error';
import type { RequestRunner } from '../request-runner';
import { renderResultPage } from './result-page';

export const ENTRA_CALLBACK_PATH = '/connect/entra/callback';
export const ENTRA_SIGN_IN_PATH = '/connect/entra/sign-in';

interface EntraRouteDependencies {
  /** Undefined when the operator has not configured connecting: both routes then say so. */
  flow: EntraConnectFlow | undefined;
  database: Database;
  runner: RequestRunner;
  log: Logger;
}

/**
 * Where Microsoft sends an administrator back (`/connect/entra/callback`), for connecting the
 * tenant and for signing in to the admin page, and where the admin page's "Sign in with
 * Microsoft" starts (`/connect/entra/sign-in`). Every way it can fail is a page that says what to
 * do; nothing is recorded then.
 */
export function entraRoutes(router: Router, dependencies: EntraRouteDependencies): void {
  const page = (work: (ctx: KoaContext, flow: EntraConnectFlow) => Promise<string>) => async (ctx: KoaContext) => {
    const log: Logger = ctx.state.log ?? dependencies.log;
    try {
      if (!dependencies.flow) throw notConfigured();
      const location = await work(ctx, dependencies.flow);
      ctx.status = 303;
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.redirect(location);
    } catch (error) {
      if (error instanceof TransientDatabaseError) {
        log.warn({ err: error.cause ?? error }, 'database unavailable');
        renderResultPage(ctx, 503, 'Try again in a moment', `The service cannot reach its database. ${START_AGAIN}`);
        return;
      }
      if (!(error instanceof EntraSignInError)) throw error;
      log.info({ status: error.status, reason: error.title }, 'Entra sign-in not completed');
      renderResultPage(ctx, error.status, error.title, error.message);
    }
  };

  router.get(
    ENTRA_SIGN_IN_PATH,
    page(async (ctx, flow) => {
      let authorization;
      try {
        authorization = flow.authorization('sign_in', queryValue(ctx, 'returnUrl'));
      } catch (error) {
        if (error instanceof DomainError) throw new EntraSignInError(400, 'Cannot sign in from there', error.message);
        throw error;
      }
      await dependencies.database.execute(signInRequestInsert(authorization.request));
      browserBinding(ctx).bind(authorization.request.browserBinding);
      return authorization.signInUrl;
    }),
  );

  router.get(
    ENTRA_CALLBACK_PATH,
    page(async (ctx, flow) => {
      const request = await takeRequest(ctx, dependencies.database);
      const code = microsoftAnswer(ctx);
      const { idToken, verified } = await flow.complete(code, request);
      if (request.purpose === 'sign_in') return flow.returnUrl(request.returnPath, { idToken });
      const scimToken = await connect(dependencies, request.tenantId!, verified, ctx.state.log ?? dependencies.log);
      return flow.returnUrl(request.returnPath, scimToken ? { connected: '1', scimToken } : { connected: '1' });
    }),
  );
}

/** The request the state names, taken (it works once), or why not. */
async function takeRequest(ctx: KoaContext, database: Database): Promise<ConsumedAuthorizationRequest> {
  const state = queryValue(ctx, 'state');
  const binding = takeBrowserBinding(ctx);
  if (!state) {
    throw new EntraSignInError(
      400,
      'Nothing to finish here',
      `This address is where Microsoft sends an administrator back after signing in; it does nothing on its own. ${START_AGAIN}`,
    );
  }
  const [row] = await database.execute<ConsumedRequestRow>(consumeAuthorizationRequest(state, binding));
  if (!row) {
    throw new EntraSignInError(
      400,
      'This sign-in is over',
      `This sign-in was finished already (each works once), or was not started by this service, so nothing was changed. ${START_AGAIN}`,
    );
  }
  const request = consumedRequest(row);
  if (request.expired) {
    throw new EntraSignInError(
      400,
      'This sign-in expired',
      `A sign-in must be finished within ${AUTHORIZATION_REQUEST_MINUTES} minutes, so nothing was changed. ${START_AGAIN}`,
    );
  }
  if (!request.sameBrowser) {
    throw new EntraSignInError(
      400,
      'This sign-in was started in another browser',
      'A sign-in can only be finished in the browser that started it (and with cookies allowed for this site), so ' +
        `nothing was changed. If someone sent you this link, do not use it. ${START_AGAIN}`,
    );
  }
  return request;
}

/** The authorization code, or the error Microsoft sent instead. */
function microsoftAnswer(ctx: KoaContext): string {
  const error = queryValue(ctx, 'error');
  const description = queryValue(ctx, 'error_description');
  const said = description ? ` Microsoft said: ${description}` : '';
  if (error === 'access_denied') {
    throw new EntraSignInError(
      403,
      'Consent was not given',
      'The sign-in at Microsoft was cancelled or consent was declined, so nothing was changed. To connect, sign in as ' +
        'an administrator of your organization (a Global Administrator, Privileged Role Administrator or Cloud ' +
        `Application Administrator), tick "Consent on behalf of your organization" and click Accept. ${START_AGAIN}${said}`,
    );
  }
  if (error) {
    throw new EntraSignInError(
      400,
      'Microsoft did not sign you in',
      `Microsoft answered ${error}, so nothing was changed. ${START_AGAIN}${said}`,
    );
  }
  const code = queryValue(ctx, 'code');
  if (!code) {
    throw new EntraSignInError(400, 'Microsoft sent no code', `Nothing was changed. ${START_AGAIN}`);
  }
  return code;
}

/** Records the connection in the tenant that started it; returns the SCIM token's secret if one was issued. */
async function connect(
  { database, runner }: EntraRouteDependencies,
  tenantId: string,
  verified: VerifiedEntraIdToken,
  log: Logger,
): Promise<string | undefined> {
  const outcome = await runner.run({
    log,
    admit: () => enterTenantAs(database, { tenantId, kind: 'entra', subjectId: verified.objectId, scopes: ['admin'] }),
    work: async (session) => ({
      result: await new EntraConnectionService(session.transaction).connect(administrator(verified)),
      commit: true,
    }),
  });
  switch (outcome.kind) {
    case 'done':
      log.info({ entraTenantId: verified.entraTenantId }, 'connected Microsoft Entra ID');
      return outcome.result.scimToken?.secret;
    case 'unavailable':
      throw new TransientDatabaseError(outcome.message);
    case 'refused':
      throw new Error('Entering a known tenant is never refused');
    case 'failed':
      if (outcome.error instanceof DomainError) {
        const status = outcome.error.code === 'INVALID_INPUT' ? 400 : 409;
        throw new EntraSignInError(status, 'Not connected', `${outcome.error.message} Nothing was changed.`);
      }
      throw outcome.error;
  }
}

function administrator(verified: VerifiedEntraIdToken): EntraAdministrator {
  const { name, username } = verified;
  return {
    entraTenantId: verified.entraTenantId,
    issuer: verified.issuer,
    jwksUri: verified.jwksUri,
    applicationId: verified.applicationId,
    objectId: verified.objectId,
    displayName: name && username ? `${name} (${username})` : (name ?? username ?? verified.objectId),
  };
}

function notConfigured(): EntraSignInError {
  return new EntraSignInError(
    404,
    'Microsoft Entra ID is not set up here',
    'Signing in with Microsoft Entra ID is not set up on this service: its operator sets ENTRA_CLIENT_ID, ' +
      'ENTRA_CLIENT_SECRET and PUBLIC_BASE_URL (see the README, "Connect Microsoft Entra ID").',
  );
}

function queryValue(ctx: KoaContext, name: string): string | undefined {
  const value = ctx.query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
