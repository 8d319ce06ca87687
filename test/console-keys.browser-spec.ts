import type { Page } from 'playwright-core';
import { createKey } from './factories/key.factory';
import { screenshot, seriousA11yViolations } from './support/browser';
import { keyRow, TOKEN, useConsole } from './support/console';
import { until } from './support/poll';
import { bearer } from './support/test-app';

/** One key's life on the Keys screen, signed in with the root key; the tests run in order. */
describe('web console (Chromium): keys', () => {
  const c = useConsole();
  let page: Page;
  let token = '';
  const row = (name: string) => keyRow(page, name);

  beforeAll(async () => {
    page = await c.signIn(c.t.rootKey);
  });

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
    expect(await c.statusOf(token)).toBe(200);

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
    expect(await c.statusOf(token)).toBe(401);
    await page.getByRole('button', { name: 'ci-deploy: inactive, switch on' }).click();
    await page.getByRole('status').filter({ hasText: 'is now active' }).waitFor();
    expect(await c.statusOf(token)).toBe(200);
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
    expect(await c.statusOf(token)).toBe(401);
    expect(await c.statusOf(fresh)).toBe(200);
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
    const listed = await c.t.http
      .get('/api/v1/keys')
      .query({ q: 'ci-deploy' })
      .set(bearer(c.t.rootKey));
    expect(listed.body.data[0].allowed_ips).toEqual(['127.0.0.0/8', '::1']);
  });

  it('deletes a key after a confirmation naming it', async () => {
    await page.getByRole('button', { name: 'Delete ci-deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete "ci-deploy"?' });
    expect(await dialog.textContent()).toMatch(/permanent/);
    await dialog.getByRole('button', { name: 'Delete key' }).click();
    await page.getByRole('status').filter({ hasText: 'Key "ci-deploy" deleted.' }).waitFor();
    await row('ci-deploy').waitFor({ state: 'detached' });
    expect(await c.statusOf(token)).toBe(401);
  });

  it('cleans up with counts; "both" excludes the other two', async () => {
    const { t } = c;
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
});
