import { screenshot, seriousA11yViolations } from './support/browser';
import { useConsole } from './support/console';

describe('web console (Chromium): serving and signing in', () => {
  const c = useConsole();

  it('serves the console without a key, under a CSP that allows only this origin', async () => {
    const response = await c.t.http.get('/console/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await c.t.http.get('/console')).headers.location).toBe('/console/');
  });

  it('signs in with the root key and shows who is signed in, with the key masked', async () => {
    const page = await c.newPage();
    await page.goto(c.consoleUrl());
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await page.getByLabel('API key').fill('lk_' + '0'.repeat(64));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Sign-in failed/ })
      .waitFor();

    await page.getByLabel('API key').fill(c.t.rootKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    expect(await page.getByTestId('who-user').textContent()).toBe('root');
    expect(await page.getByTestId('who-role').textContent()).toBe('admin');
    expect(await page.getByTestId('who-key').textContent()).toBe(`lk_****${c.t.rootKey.slice(-4)}`);
    expect(await page.content()).not.toContain(c.t.rootKey);
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);

    // The API refuses every change to the bootstrap key (409): the page says so first.
    const deleteRoot = page.getByRole('button', { name: 'Delete root' });
    expect(await deleteRoot.getAttribute('aria-disabled')).toBe('true');
    await deleteRoot.focus();
    await page.getByRole('tooltip').filter({ hasText: 'managed through its key file' }).waitFor();
  });
});
