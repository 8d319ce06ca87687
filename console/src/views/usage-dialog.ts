import type { ApiKey, UsagePoint } from '../api';
import { OUTCOMES, sparkline, totalOf, usageChart } from '../chart';
import type { Context } from '../context';
import { errorBox, h, openDialog } from '../dom';
import { dayOf, exactTime } from '../format';

const HOUR_MS = 3_600_000;
/** The hours the sparkline shows. */
const HOURS_SHOWN = 48;

/** Totals of `series` by outcome. */
function sums(series: UsagePoint[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { key } of OUTCOMES) totals[key] = series.reduce((sum, point) => sum + point[key], 0);
  return totals;
}

/**
 * A key's requests: a sparkline of the last 48 hours and a chart of the
 * last 30 days stacked by outcome, with the totals in words beside each and
 * the chart's figures as a table.
 * Counts reach the service's database at most a minute after the request.
 */
export function usageDialog(ctx: Context, key: ApiKey): void {
  openDialog(`Usage of "${key.name}"`, (close) => {
    const errors = errorBox();
    const body = h('div', { class: 'usage', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
    Promise.all([
      ctx.api.keyUsage(key.id, {
        granularity: 'hour',
        from: new Date(Date.now() - HOURS_SHOWN * HOUR_MS).toISOString(),
      }),
      ctx.api.keyUsage(key.id, { granularity: 'day' }),
    ])
      .then(([hours, days]) => {
        body.removeAttribute('aria-busy');
        body.replaceChildren(
          h('h3', {}, `Last ${HOURS_SHOWN} hours`),
          h(
            'div',
            { class: 'usage-line' },
            sparkline(
              hours.series.map(totalOf),
              `Requests per hour over the last ${HOURS_SHOWN} hours, ${hours.series.reduce((n, p) => n + totalOf(p), 0)} in all`,
            ),
            totalsList(sums(hours.series)),
          ),
          h('h3', {}, 'Last 30 days'),
          usageChart(days.series, 'Requests per day over the last 30 days, by outcome', (point) =>
            dayOf(point.at),
          ),
          legend(),
          totalsList(sums(days.series)),
          figuresTable(days.series),
          h(
            'p',
            { class: 'muted' },
            `Counted up to ${exactTime(new Date().toISOString())}; the newest requests may take a minute to appear.`,
          ),
        );
      })
      .catch((error: unknown) => {
        body.removeAttribute('aria-busy');
        body.replaceChildren();
        errors.show(error, 'Loading usage failed');
      });
    return [
      errors.element,
      body,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button', onclick: close }, 'Close'),
      ),
    ];
  });
}

function totalsList(totals: Record<string, number>): HTMLElement {
  return h(
    'ul',
    { class: 'usage-totals' },
    OUTCOMES.map(({ key, label }) => h('li', {}, `${label}: ${totals[key]}`)),
  );
}

function legend(): HTMLElement {
  return h(
    'ul',
    { class: 'usage-legend', 'aria-hidden': 'true' },
    OUTCOMES.map(({ key, label }) =>
      h('li', {}, h('span', { class: `swatch ${key.replace('_', '-')}` }), label),
    ),
  );
}

/** The chart's figures as text: a table, one row per day, behind a disclosure. */
function figuresTable(series: UsagePoint[]): HTMLElement {
  return h(
    'details',
    { class: 'usage-figures' },
    h('summary', {}, 'Figures by day'),
    h(
      'table',
      {},
      h('caption', {}, 'Requests per day over the last 30 days, by outcome'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Day'),
          OUTCOMES.map(({ label }) => h('th', { scope: 'col' }, label)),
        ),
      ),
      h(
        'tbody',
        {},
        series.map((point) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, dayOf(point.at)),
            OUTCOMES.map(({ key }) => h('td', {}, String(point[key]))),
          ),
        ),
      ),
    ),
  );
}
