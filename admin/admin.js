// The admin page: plain DOM, no framework, no build step. It speaks only the public GraphQL API
// (/graphql) with the credential the admin signed in with, kept for this browser tab only.
// Everything shown is set as text, never as HTML.

const CREDENTIAL_KEY = 'evercate-admin-credential';
const LOG_PAGE_SIZE = 50;

const $ = (id) => document.getElementById(id);

/** What the callback passed in the URL fragment (a SCIM token shown once, an ID token), read once. */
const handedOver = new URLSearchParams(location.hash.slice(1));
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

const page = {
  credential: sessionStorage.getItem(CREDENTIAL_KEY),
  /** A SCIM token's secret, in memory only: gone when the page is left, as "shown once" means. */
  secret: null,
  logCursor: null,
};

class ApiError extends Error {
  constructor(error) {
    super(error.message);
    this.code = error.extensions?.code;
    this.reason = error.extensions?.reason;
  }
}

async function graphql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${page.credential}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response
    .json()
    .catch(() => ({ errors: [{ message: `The service answered ${response.status}.` }] }));
  if (body.errors?.length) throw new ApiError(body.errors[0]);
  return body.data;
}

/** A mutation's payload, or its first userError thrown as an error. */
async function mutate(query, variables, field) {
  const payload = (await graphql(query, variables))[field];
  if (payload.userErrors.length > 0) throw new ApiError(payload.userErrors[0]);
  return payload;
}

// ---- messages ----------------------------------------------------------------------------------

function show(element, visible) {
  element.hidden = !visible;
}

function notice(text) {
  $('notice').textContent = text;
  show($('notice'), Boolean(text));
}

function failure(error) {
  const text = error ? explain(error) : '';
  $('error').textContent = text;
  show($('error'), Boolean(text));
}

function explain(error) {
  if (error.code === 'FORBIDDEN') {
    return (
      'You are signed in, but not as an Evercate administrator. Sign in with an admin API token, or ask your ' +
      'Entra administrator to assign you the Evercate.Admin role (Enterprise applications → Evercate → Users and groups).'
    );
  }
  if (error.reason === 'TOKEN_EXPIRED') return 'Your sign-in has expired. Sign in again.';
  if (error.reason === 'UNKNOWN_ISSUER') {
    return (
      "Your organization's Microsoft Entra ID is not connected to this Evercate directory, or its single sign-on " +
      'was removed. Sign in with an admin API token and connect it.'
    );
  }
  return error.message;
}

/** Runs what a click asks for, showing what went wrong instead of failing silently. */
function action(work) {
  return async (event) => {
    event?.preventDefault();
    failure(null);
    try {
      await work(event);
    } catch (error) {
      if (error.code === 'UNAUTHENTICATED') return signOut(error);
      failure(error);
    }
  };
}

// ---- signing in --------------------------------------------------------------------------------

function signIn(credential) {
  page.credential = credential;
  sessionStorage.setItem(CREDENTIAL_KEY, credential);
}

function signOut(error) {
  page.credential = null;
  page.secret = null;
  sessionStorage.removeItem(CREDENTIAL_KEY);
  show($('signed-in'), false);
  show($('who'), false);
  show($('sign-in'), true);
  notice('');
  failure(error ?? null);
}

async function offerMicrosoftSignIn() {
  const settings = await fetch('/admin/settings.json').then((response) => response.json());
  if (settings.entraSignInUrl) {
    $('entra-sign-in-link').href = `${settings.entraSignInUrl}?returnUrl=${encodeURIComponent('/admin')}`;
    show($('entra-sign-in'), true);
  }
}

// ---- the overview ------------------------------------------------------------------------------

const OVERVIEW = `query Overview($since: DateTimeISO!) {
  me { displayName userName }
  entraConnection { entraTenantId connectedAt connectedBy singleSignOnAllowed scimTenantUrl }
  apiTokens(first: 100) { nodes { kind prefix createdAt lastUsedAt } }
  users { totalCount }
  groups { totalCount }
  failures: provisioningEvents(filter: { outcome: FAILURE, occurredAfter: $since }) { totalCount }
  provisioningLastRequestAt
}`;

async function loadOverview() {
  const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const data = await graphql(OVERVIEW, { since });
  show($('sign-in'), false);
  show($('signed-in'), true);
  show($('who'), true);
  $('who-name').textContent = data.me
    ? `Signed in as ${data.me.displayName ?? data.me.userName}`
    : 'Signed in with an admin API token';

  const connection = data.entraConnection;
  show($('not-connected'), !connection);
  show($('connected'), Boolean(connection));
  show($('provisioning-setup'), Boolean(connection));
  show($('single-sign-on'), Boolean(connection));
  if (connection) {
    $('entra-tenant').textContent = connection.entraTenantId;
    $('connected-by').textContent = connection.connectedBy;
    $('connected-at').textContent = when(connection.connectedAt);
    $('tenant-url').textContent = connection.scimTenantUrl ?? `${location.origin}/scim`;
    $('allow-sso').checked = connection.singleSignOnAllowed;
  }
  renderSecret(data.apiTokens.nodes.filter((token) => token.kind === 'SCIM'));

  $('user-count').textContent = String(data.users.totalCount);
  $('group-count').textContent = String(data.groups.totalCount);
  $('last-request').textContent = data.provisioningLastRequestAt ? when(data.provisioningLastRequestAt) : 'Never';
  $('failure-count').textContent = String(data.failures.totalCount);
  $('failure-count').classList.toggle('bad', data.failures.totalCount > 0);
}

function renderSecret(scimTokens) {
  show($('secret-shown'), Boolean(page.secret));
  show($('secret-warning'), Boolean(page.secret));
  $('secret').textContent = page.secret ?? '';
  const newest = scimTokens.at(-1);
  $('token-summary').textContent = page.secret
    ? ''
    : newest
      ? `${newest.prefix} issued ${when(newest.createdAt)}, last used ${newest.lastUsedAt ? when(newest.lastUsedAt) : 'never'}. ` +
        'Its secret was shown when it was issued; rotate to get a new one to paste.'
      : 'None yet: rotate to issue one.';
}

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// ---- the provisioning log ------------------------------------------------------------------------

const LOG = `query Log($filter: ProvisioningEventFilterInput, $after: String, $first: Int!) {
  provisioningEvents(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes { id occurredAt method path operation resourceType resourceId status outcome scimType detail }
  }
}`;

async function loadLog({ more = false } = {}) {
  const filter = {};
  if ($('outcome').value) filter.outcome = $('outcome').value;
  if ($('operation').value) filter.operation = $('operation').value;
  const data = await graphql(LOG, { filter, first: LOG_PAGE_SIZE, after: more ? page.logCursor : null });
  const { nodes, pageInfo } = data.provisioningEvents;
  if (!more) $('log-rows').replaceChildren();
  for (const event of nodes) $('log-rows').append(logRow(event));
  page.logCursor = pageInfo.endCursor;
  show($('more'), pageInfo.hasNextPage);
  show($('log-empty'), $('log-rows').children.length === 0);
}

function logRow(event) {
  const row = document.createElement('tr');
  row.className = event.outcome === 'FAILURE' ? 'failure' : 'success';
  const resource = [event.resourceType, event.resourceId].filter(Boolean).join(' ') || event.path;
  const detail = event.outcome === 'FAILURE' ? (event.detail ?? event.scimType ?? 'Failed') : '';
  for (const [text, title] of [
    [when(event.occurredAt), event.occurredAt],
    [event.operation, `${event.method} ${event.path}`],
    [resource, event.path],
    [String(event.status), event.scimType ?? ''],
    [detail, ''],
  ]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (title) cell.title = title;
    row.append(cell);
  }
  return row;
}

// ---- what the admin does -----------------------------------------------------------------------

const CONNECT = `mutation($input: EntraConnectStartInput!) {
  entraConnectStart(input: $input) { signInUrl userErrors { code field message } }
}`;
const UPDATE = `mutation($input: EntraConnectionUpdateInput!) {
  entraConnectionUpdate(input: $input) { entraConnection { singleSignOnAllowed } userErrors { code field message } }
}`;
const DISCONNECT = `mutation { entraDisconnect { entraConnection { entraTenantId } userErrors { code field message } } }`;
const ROTATE = `mutation { scimTokenRotate { secret revokedTokens { prefix } userErrors { code field message } } }`;

$('token-form').addEventListener(
  'submit',
  action(async () => {
    signIn($('token').value.trim());
    $('token').value = '';
    await loadOverview();
    await loadLog();
  }),
);

$('sign-out').addEventListener('click', () => signOut());

$('connect').addEventListener(
  'click',
  action(async () => {
    const { signInUrl } = await mutate(CONNECT, { input: { returnUrl: '/admin' } }, 'entraConnectStart');
    location.assign(signInUrl);
  }),
);

$('disconnect').addEventListener(
  'click',
  action(async () => {
    const sure = confirm(
      'Disconnect Microsoft Entra ID? Single sign-on stops at once. Provisioning keeps working with its token until you revoke it.',
    );
    if (!sure) return;
    await mutate(DISCONNECT, {}, 'entraDisconnect');
    page.secret = null;
    notice('Microsoft Entra ID is disconnected.');
    await loadOverview();
  }),
);

$('rotate').addEventListener(
  'click',
  action(async () => {
    const sure = confirm(
      'Issue a new token and revoke the current one at once? Entra cannot provision until you paste the new token into its Secret Token field.',
    );
    if (!sure) return;
    const { secret } = await mutate(ROTATE, {}, 'scimTokenRotate');
    page.secret = secret;
    notice('A new token was issued and the old one revoked. Paste the new one into Entra now.');
    await loadOverview();
  }),
);

$('allow-sso').addEventListener(
  'change',
  action(async (event) => {
    const allowed = event.target.checked;
    try {
      await mutate(UPDATE, { input: { singleSignOnAllowed: allowed } }, 'entraConnectionUpdate');
      notice(allowed ? 'Single sign-on is allowed.' : 'Single sign-on is off.');
    } catch (error) {
      event.target.checked = !allowed;
      throw error;
    }
  }),
);

for (const button of document.querySelectorAll('button.copy')) {
  button.addEventListener(
    'click',
    action(async () => {
      await navigator.clipboard.writeText($(button.dataset.copy).textContent);
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    }),
  );
}

$('outcome').addEventListener(
  'change',
  action(() => loadLog()),
);
$('operation').addEventListener(
  'change',
  action(() => loadLog()),
);
$('refresh').addEventListener(
  'click',
  action(async () => {
    await loadOverview();
    await loadLog();
  }),
);
$('more').addEventListener(
  'click',
  action(() => loadLog({ more: true })),
);

// ---- start ---------------------------------------------------------------------------------------

async function start() {
  if (handedOver.get('idToken')) signIn(handedOver.get('idToken'));
  page.secret = handedOver.get('scimToken');
  if (handedOver.get('connected')) notice('Microsoft Entra ID is connected.');
  await offerMicrosoftSignIn().catch(() => undefined);
  if (!page.credential) return signOut();
  await action(async () => {
    await loadOverview();
    await loadLog();
  })();
}

start();
