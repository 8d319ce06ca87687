import { createKey } from './factories/key.factory';
import { screenshot, seriousA11yViolations } from './support/browser';
import { useConsole } from './support/console';
import { bearer } from './support/test-app';

describe('web console (Chromium): users and audit', () => {
  const c = useConsole();

  it('gives admins Users (create, change role, disable) and Audit', async () => {
    const { t } = c;
    // Something for the Audit screen's filter to find.
    const gone = await createKey(t, { name: 'ci-deploy' });
    await t.http.delete(`/api/v1/keys/${gone.id}`).set(bearer(t.rootKey)).expect(200);
    const page = await c.signIn(t.rootKey);

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
    await page.context().close();
  });
});
