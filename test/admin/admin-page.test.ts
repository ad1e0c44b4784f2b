import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServiceFor } from '../auth/support/entra-connect';
import { EntraStandIn, entraUser } from '../auth/support/entra-stand-in';
import { graphqlClient } from '../support/graphql';
import type { TestService } from '../support/harness';
import { scimClient, entraUser as scimUser } from '../scim/support/scim-client';

/**
 * The admin page as an Evercate admin uses it, in a real headless Chromium (Debian's, driven by
 * playwright-core): sign in, connect Microsoft Entra ID at (a stand-in for) Microsoft, come back,
 * copy the token, allow single sign-on, read why a provisioning request failed. Each state is
 * saved as a screenshot: under test-output/ by default, under docs/admin/ (the README's) with
 * `npm run docs:screenshots`.
 *
 * In CI (CI=true, which .ci/run sets after installing Chromium) a missing browser fails the run.
 * On a developer's machine without Chromium the test says so and does not run: `npm test` must
 * work with nothing but Node installed.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(
  __dirname,
  '../..',
  process.env.ADMIN_SCREENSHOTS_DIR ?? 'test-output/admin-screenshots',
);
const browserRequired = process.env.CI === 'true';
const browserFound = existsSync(CHROMIUM);
if (!browserFound && !browserRequired) {
  process.stderr.write(
    `The admin page browser test needs Chromium (not found at ${CHROMIUM}): install it ` +
      '(apt-get install -y chromium) or set CHROMIUM_PATH. CI always runs it.\n',
  );
}
const describeInBrowser = browserFound || browserRequired ? describe : describe.skip;

let standIn: EntraStandIn;
let service: TestService;
let context: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  if (!browserFound && !browserRequired) return;
  if (!browserFound) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: the admin page test needs a real browser. Install Debian's ` +
        '(apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.',
    );
  }
  standIn = await EntraStandIn.start();
  standIn.interactive = true;
  service = await startServiceFor(standIn);
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'evercate-admin-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1200, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await service?.close();
  await standIn?.close();
});

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

describeInBrowser('the admin page, in a browser', () => {
  it('connects Microsoft Entra ID, hands over the token, allows single sign-on and shows a failed request', async () => {
    const tenant = await service.createTenant('Contoso');
    standIn.signIn = {
      user: entraUser({ name: 'Ada Admin', preferred_username: 'ada@contoso.example' }),
      answer: 'accept',
    };
    const page = await context.newPage();

    // Sign in with the tenant's admin API token.
    await page.goto(`${service.url}/admin`);
    await page.getByLabel('Admin API token').waitFor();
    await expectVisible(page.getByRole('link', { name: 'Sign in with Microsoft' }));
    await screenshot(page, '1-sign-in');
    await page.getByLabel('Admin API token').fill(tenant.graphqlToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const connect = page.getByRole('button', { name: 'I understand, connect Microsoft Entra ID' });
    await connect.waitFor();
    await screenshot(page, '2-not-connected');

    // Connect: Microsoft's (stand-in's) consent page, Accept, and back.
    await connect.click();
    await page.waitForURL(`${standIn.authority}/**`);
    await page.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await screenshot(page, '3-microsoft-consent');
    await page.getByRole('link', { name: 'Accept' }).click();
    await page.waitForURL(`${service.url}/admin`);
    await page.getByText('Microsoft Entra ID is connected.').waitFor();
    // The token came in the address's fragment; the page took it out of the address at once.
    expect(new URL(page.url()).hash).toBe('');
    await expectVisible(page.getByText(standIn.signIn.user.tid));
    await expectVisible(page.getByText('Ada Admin (ada@contoso.example)'));
    expect(await page.locator('#tenant-url').textContent()).toBe(`${service.url}/scim`);
    const secret = (await page.locator('#secret').textContent())!;
    expect(secret).toMatch(/^scim_/);
    await expectVisible(page.getByText('This token is shown only now.'));
    await screenshot(page, '4-connected-token');

    // Copy the token, as for pasting into Entra's Secret Token field.
    await page.locator('#secret-shown').getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);

    // Entra provisions with the copied token: a user, then one whose userName is taken.
    const entra = scimClient(service, secret);
    expect((await entra.post('/Users', scimUser('grace@contoso.example'))).status).toBe(201);
    expect((await entra.post('/Users', scimUser('GRACE@contoso.example'))).status).toBe(409);

    // Allow single sign-on.
    const allow = page.getByLabel('Allow single sign-on');
    expect(await allow.isChecked()).toBe(false);
    await allow.check();
    await page.getByText('Single sign-on is allowed.').waitFor();
    const admin = graphqlClient(service, tenant.graphqlToken);
    expect((await admin.query('{ entraConnection { singleSignOnAllowed } }')).entraConnection).toEqual({
      singleSignOnAllowed: true,
    });
    await screenshot(page, '5-single-sign-on');

    // The provisioning log: failures only, and what to fix.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#log-rows tr').first().waitFor();
    expect(await page.locator('#user-count').textContent()).toBe('1');
    expect(await page.locator('#failure-count').textContent()).toBe('1');
    expect(await page.locator('#log-rows tr').count()).toBe(2);
    expect(await page.locator('#log-rows tr.failure').count()).toBe(1);
    await screenshot(page, '6-provisioning-log');
    await page.getByLabel('Outcome').selectOption('FAILURE');
    await page.getByLabel('Operation').selectOption('Create User');
    const failed = page.locator('#log-rows tr.failure');
    await failed.filter({ hasText: 'Another user already has this userName' }).waitFor();
    expect(await page.locator('#log-rows tr').count()).toBe(1);
    expect(await failed.locator('td').allTextContents()).toEqual([
      expect.any(String),
      'Create User',
      'User',
      '409',
      expect.stringContaining('Another user already has this userName'),
    ]);
    await screenshot(page, '7-provisioning-failures');

    // Shown once: after a reload the secret is gone, only its prefix is left.
    await page.reload();
    await page.getByText('rotate to get a new one to paste').waitFor();
    expect(await page.locator('#secret-shown').isHidden()).toBe(true);
    await page.close();
  }, 120_000);
});

async function expectVisible(locator: ReturnType<Page['getByText']>) {
  await locator.waitFor({ state: 'visible' });
}
