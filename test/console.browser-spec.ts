import type { Browser, BrowserContext, Page } from 'playwright-core';
import { UsageRecorder } from '../src/usage/usage.recorder';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { until } from './support/poll';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const TOKEN = /^lk_[0-9a-f]{64}$/;

describe('web console (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  const cspViolations: string[] = [];

  const statusOf = async (token: string) =>
    (await t.http.get('/api/v1/me').set(bearer(token))).status;

  async function open(key: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
    context = await browser.newContext({ viewport });
    context.setDefaultTimeout(10_000);
    const opened = await context.newPage();
    opened.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        cspViolations.push(message.text());
      }
    });
    await opened.goto(`${baseUrl}/console/`);
    await opened.getByLabel('API key').fill(key);
    await opened.getByRole('button', { name: 'Sign in' }).click();
    await opened.getByRole('heading', { name: 'Keys' }).waitFor();
    return opened;
  }

  const row = (name: string) =>
    page.locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(cspViolations).toEqual([]);
  });

  it('serves the console without a key, under a CSP that allows only this origin', async () => {
    const response = await t.http.get('/console/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await t.http.get('/console')).headers.location).toBe('/console/');
  });

  it('signs in with the root key and shows who is signed in, with the key masked', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        cspViolations.push(m.text());
    });
    await page.goto(`${baseUrl}/console/`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await page.getByLabel('API key').fill('lk_' + '0'.repeat(64));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Sign-in failed/ })
      .waitFor();

    await page.getByLabel('API key').fill(t.rootKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    expect(await page.getByTestId('who-user').textContent()).toBe('root');
    expect(await page.getByTestId('who-role').textContent()).toBe('admin');
    expect(await page.getByTestId('who-key').textContent()).toBe(`lk_****${t.rootKey.slice(-4)}`);
    expect(await page.content()).not.toContain(t.rootKey);
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);

    // The API refuses every change to the bootstrap key (409): the page says so first.
    const deleteRoot = page.getByRole('button', { name: 'Delete root' });
    expect(await deleteRoot.getAttribute('aria-disabled')).toBe('true');
    await deleteRoot.focus();
    await page.getByRole('tooltip').filter({ hasText: 'managed through its key file' }).waitFor();
  });

  let token = '';

  it('creates a key and shows its token once, then only masked in the table', async () => {
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create key' });
    await dialog.getByLabel('Name').fill('ci-deploy');
    await dialog.getByRole('checkbox', { name: 'read:assets' }).check();
    await dialog.getByLabel('Expires').selectOption('30');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'create-key');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Key created' });
    token = await shown.getByLabel('Token of "ci-deploy"').inputValue();
    expect(token).toMatch(TOKEN);
    expect(await shown.textContent()).toMatch(/cannot be shown again/);
    await screenshot(page, 'token-once');
    await shown.getByRole('button', { name: 'Done' }).click();
    await page.locator('dialog').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);

    await row('ci-deploy').waitFor();
    expect(await row('ci-deploy').locator('code.masked').textContent()).toBe(
      `lk_****${token.slice(-4)}`,
    );
    expect(await row('ci-deploy').textContent()).toContain('read:assets');
    expect(await statusOf(token)).toBe(200);

    // An API error is shown next to what caused it: the name is taken.
    await page.getByRole('button', { name: 'Create key' }).click();
    const again = page.getByRole('dialog', { name: 'Create key' });
    await again.getByLabel('Name').fill('ci-deploy');
    await again.getByRole('button', { name: 'Create key' }).click();
    await again
      .getByRole('alert')
      .filter({ hasText: /Creating the key failed/ })
      .waitFor();
    await again.getByRole('button', { name: 'Cancel' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'keys');
  });

  it('switches the key off and on, and the API follows', async () => {
    await page.getByRole('button', { name: 'ci-deploy: active, switch off' }).click();
    await page.getByRole('status').filter({ hasText: 'is now inactive' }).waitFor();
    expect(await statusOf(token)).toBe(401);
    await page.getByRole('button', { name: 'ci-deploy: inactive, switch on' }).click();
    await page.getByRole('status').filter({ hasText: 'is now active' }).waitFor();
    expect(await statusOf(token)).toBe(200);
  });

  it('regenerates: a new token shown once, the old one refused', async () => {
    await page.getByRole('button', { name: 'Regenerate ci-deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate "ci-deploy"' });
    await dialog.getByRole('button', { name: 'Regenerate' }).click();
    const shown = page.getByRole('dialog', { name: 'Key regenerated' });
    const fresh = await shown.getByLabel('Token of "ci-deploy"').inputValue();
    expect(fresh).toMatch(TOKEN);
    expect(fresh).not.toBe(token);
    await shown.getByRole('button', { name: 'Done' }).click();
    expect(await statusOf(token)).toBe(401);
    expect(await statusOf(fresh)).toBe(200);
    await row('ci-deploy')
      .filter({ hasText: `lk_****${fresh.slice(-4)}` })
      .waitFor();
    token = fresh;
  });

  it('edits the IP allowlist, checking each entry', async () => {
    await page.getByRole('button', { name: 'Edit ci-deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit "ci-deploy"' });
    await dialog.getByRole('button', { name: 'Add address' }).click();
    await dialog.getByLabel('Address 1', { exact: true }).fill('10.0.0.300');
    expect(await dialog.getByText('"10.0.0.300" is not an IPv4 or IPv6 address.').isVisible()).toBe(
      true,
    );
    await dialog.getByLabel('Address 1', { exact: true }).fill('127.0.0.0/8');
    await dialog.getByRole('button', { name: 'Add address' }).click();
    await dialog.getByLabel('Address 2', { exact: true }).fill('::1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'saved' }).waitFor();
    const listed = await t.http
      .get('/api/v1/keys')
      .query({ q: 'ci-deploy' })
      .set(bearer(t.rootKey));
    expect(listed.body.data[0].allowed_ips).toEqual(['127.0.0.0/8', '::1']);
  });

  it("shows a key's usage: a sparkline of the last 48 hours, a chart and table of 30 days", async () => {
    const listed = await t.http
      .get('/api/v1/keys')
      .query({ q: 'ci-deploy' })
      .set(bearer(t.rootKey));
    const id = listed.body.data[0].id as string;
    const recorder = t.app.get(UsageRecorder);
    for (const outcome of ['ok', 'ok', 'ok', 'forbidden'] as const) recorder.record(id, outcome);
    await recorder.flush();
    // The earlier tests' requests with this key count too: compare with the API.
    const usage = await t.http
      .get(`/api/v1/keys/${id}/usage`)
      .query({ granularity: 'day' })
      .set(bearer(t.rootKey));
    const today = usage.body.data.series.at(-1);
    expect(today.ok).toBeGreaterThanOrEqual(3);
    expect(today.forbidden).toBeGreaterThanOrEqual(1);
    const hours = await t.http
      .get(`/api/v1/keys/${id}/usage`)
      .query({ from: new Date(Date.now() - 48 * 3_600_000).toISOString() })
      .set(bearer(t.rootKey));
    const all = (hours.body.data.series as Record<string, number>[]).reduce(
      (sum, hour) => sum + hour.ok + hour.unauthorized + hour.forbidden + hour.rate_limited,
      0,
    );

    await page.getByRole('button', { name: 'Usage of ci-deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Usage of "ci-deploy"' });
    await dialog
      .getByRole('img', { name: `Requests per hour over the last 48 hours, ${all} in all` })
      .waitFor();
    await dialog.getByRole('img', { name: /Requests per day over the last 30 days/ }).waitFor();
    // Today's bar: a segment per outcome, each named with its count on hover.
    expect(await dialog.locator('.usage-chart rect.ok title').last().textContent()).toMatch(
      new RegExp(`: ${today.ok} ok$`),
    );
    expect(await dialog.locator('.usage-chart rect.forbidden title').last().textContent()).toMatch(
      new RegExp(`: ${today.forbidden} forbidden$`),
    );
    expect(await dialog.textContent()).toContain(`Forbidden: ${today.forbidden}`);
    // The same figures as text: today's row of the table.
    await dialog.getByText('Figures by day').click();
    const table = dialog.getByRole('table', { name: /Requests per day over the last 30 days/ });
    const todayRow = table.getByRole('row').last();
    expect(await todayRow.getByRole('cell').allTextContents()).toEqual(
      [today.ok, today.unauthorized, today.forbidden, today.rate_limited].map(String),
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'usage');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Every row of the table: a sparkline of the same 30 days (one request per page).
    const monthTotal = (usage.body.data.series as Record<string, number>[]).reduce(
      (sum, d) => sum + d.ok + d.unauthorized + d.forbidden + d.rate_limited,
      0,
    );
    await page.getByLabel('Status').selectOption('inactive');
    await page.getByLabel('Status').selectOption('');
    await page
      .locator(`tr[data-key-id="${id}"]`)
      .getByRole('img', { name: `${monthTotal} requests over the last 30 days` })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('deletes a key after a confirmation naming it', async () => {
    await page.getByRole('button', { name: 'Delete ci-deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete "ci-deploy"?' });
    expect(await dialog.textContent()).toMatch(/permanent/);
    await dialog.getByRole('button', { name: 'Delete key' }).click();
    await page.getByRole('status').filter({ hasText: 'Key "ci-deploy" deleted.' }).waitFor();
    await row('ci-deploy').waitFor({ state: 'detached' });
    expect(await statusOf(token)).toBe(401);
  });

  it('cleans up with counts; "both" excludes the other two', async () => {
    const soon = await t.http
      .post('/api/v1/keys')
      .set(bearer(t.rootKey))
      .send({ name: 'short-lived', expires_at: new Date(Date.now() + 1500).toISOString() });
    expect(soon.status).toBe(201);
    const off = await createKey(t, { name: 'switched-off' });
    for (const id of [soon.body.data.id, off.id]) {
      await t.http.patch(`/api/v1/keys/${id}`).set(bearer(t.rootKey)).send({ status: 'inactive' });
    }
    await until(
      async () =>
        (await t.http.get('/api/v1/keys/cleanup').set(bearer(t.rootKey))).body.data.expired === 1,
      'the short-lived key expired',
    );
    await page.getByLabel('Status').selectOption('inactive');
    await page.getByRole('button', { name: 'Clean up…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clean up keys' });
    const expired = dialog.getByRole('checkbox', { name: 'Expired keys (1)' });
    const inactive = dialog.getByRole('checkbox', { name: 'Inactive keys (2)' });
    const both = dialog.getByRole('checkbox', { name: 'Keys both expired and inactive (1)' });
    await both.check();
    expect(await expired.isDisabled()).toBe(true);
    expect(await inactive.isDisabled()).toBe(true);
    await both.uncheck();
    // Unused keys: counted for the chosen number of days; not with "both".
    const unused = dialog.getByLabel('Keys with no successful use');
    await unused.selectOption('30');
    await dialog.getByText('0 unused keys').waitFor();
    expect(await both.isDisabled()).toBe(true);
    await unused.selectOption('');
    await inactive.check();
    expect(await both.isDisabled()).toBe(true);
    expect(await dialog.textContent()).toMatch(/permanent/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'clean-up');
    await dialog.getByRole('button', { name: 'Delete keys' }).click();
    await page.getByRole('status').filter({ hasText: 'Clean-up deleted 2 keys.' }).waitFor();
    const counts = await t.http.get('/api/v1/keys/cleanup').set(bearer(t.rootKey));
    expect(counts.body.data).toEqual({ expired: 0, inactive: 0, expired_and_inactive: 0 });
    expect(await page.getByRole('button', { name: 'Clean up…' }).count()).toBe(0);
  });

  it('gives admins Users (create, change role, disable) and Audit', async () => {
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Name', { exact: true }).fill('ops');
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'User "ops" created.' }).waitFor();
    await page.getByLabel('Role of ops').selectOption('manager');
    await page.getByRole('status').filter({ hasText: 'is now manager' }).waitFor();
    await page.getByRole('button', { name: 'Disable ops' }).click();
    await page.getByRole('status').filter({ hasText: 'User "ops" disabled.' }).waitFor();
    const users = await t.http.get('/api/v1/users').set(bearer(t.rootKey));
    expect(users.body.data.find((u: { name: string }) => u.name === 'ops')).toMatchObject({
      role: 'manager',
      status: 'disabled',
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'users');

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByLabel('Action').selectOption('key.deleted');
    await page.locator('tbody tr').first().filter({ hasText: 'key.deleted' }).waitFor();
    const actions = await page.locator('tbody tr th').allTextContents();
    expect(new Set(actions)).toEqual(new Set(['key.deleted']));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'audit');
    await context.close();
  });

  it('lets a manager create a key without a tier choice, which only admins have', async () => {
    const manager = await createUser(t, { name: 'mona', role: 'manager' });
    const key = await createKey(t, {
      name: 'mona-console',
      owner_id: manager.id,
      scopes: ['api_keys.read', 'api_keys.write'],
    });
    page = await open(key.key);
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create key' });
    const tier = dialog.getByLabel('Tier');
    expect(await tier.isDisabled()).toBe(true);
    expect(await dialog.textContent()).toContain("only admins set or change a key's tier");
    await dialog.getByLabel('Name').fill('mona-reports');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await page
      .getByRole('dialog', { name: 'Key created' })
      .getByRole('button', { name: 'Done' })
      .click();
    await row('mona-reports').waitFor();
    expect(await row('mona-reports').textContent()).toContain('standard');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows a viewer key its write actions disabled, with the reason', async () => {
    const viewer = await createUser(t, { name: 'vera', role: 'viewer' });
    await createKey(t, { name: 'vera-reads', owner_id: viewer.id });
    const key = await createKey(t, {
      name: 'vera-console',
      owner_id: viewer.id,
      scopes: ['api_keys.read'],
    });
    page = await open(key.key, { width: 360, height: 740 });

    expect(await page.getByTestId('who-role').textContent()).toBe('viewer');
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    const create = page.getByRole('button', { name: 'Create key' });
    expect(await create.getAttribute('aria-disabled')).toBe('true');
    await create.focus();
    expect(
      await page.getByRole('tooltip').filter({ hasText: 'api_keys.write' }).first().isVisible(),
    ).toBe(true);
    const del = page.getByRole('button', { name: 'Delete vera-reads' });
    expect(await del.getAttribute('aria-disabled')).toBe('true');
    await del.press('Enter');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'keys-viewer-360px');

    // The key is deleted elsewhere: the next request's 401 returns to sign-in.
    await t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)).expect(200);
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/401/);
    await context.close();
  });
});
