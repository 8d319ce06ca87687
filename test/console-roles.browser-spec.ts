import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { screenshot, seriousA11yViolations } from './support/browser';
import { keyRow, useConsole } from './support/console';
import { bearer } from './support/test-app';

/** What a manager's and a viewer's key may do, and the console saying why not. */
describe('web console (Chromium): managers and viewers', () => {
  const c = useConsole();

  it('lets a manager create a key without a tier choice, which only admins have', async () => {
    const manager = await createUser(c.t, { name: 'mona', role: 'manager' });
    const key = await createKey(c.t, {
      name: 'mona-console',
      owner_id: manager.id,
      scopes: ['api_keys.read', 'api_keys.write'],
    });
    const page = await c.signIn(key.key);
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
    await keyRow(page, 'mona-reports').waitFor();
    expect(await keyRow(page, 'mona-reports').textContent()).toContain('standard');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a viewer key its write actions disabled, with the reason', async () => {
    const viewer = await createUser(c.t, { name: 'vera', role: 'viewer' });
    await createKey(c.t, { name: 'vera-reads', owner_id: viewer.id });
    const key = await createKey(c.t, {
      name: 'vera-console',
      owner_id: viewer.id,
      scopes: ['api_keys.read'],
    });
    const page = await c.signIn(key.key, { width: 360, height: 740 });

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
    await c.t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(c.t.rootKey)).expect(200);
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/401/);
    await page.context().close();
  });
});
