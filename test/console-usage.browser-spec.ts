import { UsageRecorder } from '../src/usage/usage.recorder';
import { createKey } from './factories/key.factory';
import { screenshot, seriousA11yViolations } from './support/browser';
import { useConsole } from './support/console';
import { bearer } from './support/test-app';

describe('web console (Chromium): usage', () => {
  const c = useConsole();

  it("shows a key's usage: a sparkline of the last 48 hours, a chart and table of 30 days", async () => {
    const { t } = c;
    const { id, key } = await createKey(t, { name: 'ci-deploy' });
    const page = await c.signIn(t.rootKey);
    // Requests made with the key count as well as the outcomes recorded here.
    expect(await c.statusOf(key)).toBe(200);
    const recorder = t.app.get(UsageRecorder);
    for (const outcome of ['ok', 'ok', 'ok', 'forbidden'] as const) recorder.record(id, outcome);
    await recorder.flush();
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
});
