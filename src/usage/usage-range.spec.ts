import { ApiError } from '../common/api-error';
import { DAY_MS, HOUR_MS, seriesRange, usageSeries } from './usage-range';

const NOW = Date.parse('2026-12-07T10:20:00Z');
const zeros = { ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 };

describe('seriesRange', () => {
  it('defaults to the last day of hours, the current hour included', () => {
    expect(seriesRange({ granularity: 'hour' }, NOW)).toEqual({
      from: new Date('2026-12-06T11:00:00Z'),
      to: new Date('2026-12-07T11:00:00Z'),
    });
  });

  it('defaults to the last 30 days of days', () => {
    expect(seriesRange({ granularity: 'day' }, NOW)).toEqual({
      from: new Date('2026-11-08T00:00:00Z'),
      to: new Date('2026-12-08T00:00:00Z'),
    });
  });

  it('widens a range to whole steps', () => {
    const range = { from: '2026-12-01T10:30:00Z', to: '2026-12-01T12:00:00.001Z' };
    expect(seriesRange({ ...range, granularity: 'hour' }, NOW)).toEqual({
      from: new Date('2026-12-01T10:00:00Z'),
      to: new Date('2026-12-01T13:00:00Z'),
    });
  });

  it('takes an empty range, refuses one that ends before it starts', () => {
    const same = '2026-12-01T10:00:00Z';
    expect(seriesRange({ from: same, to: same, granularity: 'hour' }, NOW).from).toEqual(
      new Date(same),
    );
    expect(() =>
      seriesRange({ from: '2026-12-02T00:00:00Z', to: same, granularity: 'hour' }, NOW),
    ).toThrow(ApiError);
  });

  it.each([
    ['+275760-09-13T00:00:00.001Z', 'to'],
    ['10000-01-01T00:00:00Z', 'to'],
    ['1969-12-31T23:00:00Z', 'from'],
  ] as const)('refuses %s as a date for %s', (date, field) => {
    expect(() => seriesRange({ [field]: date, granularity: 'hour' }, NOW)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('takes 31 days of hours and 366 of days, no more', () => {
    const to = Date.parse('2026-12-01T00:00:00Z');
    const span = (days: number, granularity: 'hour' | 'day') => () =>
      seriesRange(
        {
          from: new Date(to - days * DAY_MS).toISOString(),
          to: new Date(to).toISOString(),
          granularity,
        },
        NOW,
      );
    expect(span(31, 'hour')).not.toThrow();
    expect(span(31 + 1 / 24, 'hour')).toThrow(ApiError);
    expect(span(366, 'day')).not.toThrow();
    expect(span(367, 'day')).toThrow(ApiError);
  });
});

describe('usageSeries', () => {
  const from = Date.parse('2026-12-01T00:00:00Z');
  const row = (hours: number, counts: Partial<typeof zeros>) => ({
    at: new Date(from + hours * HOUR_MS),
    ...zeros,
    ...counts,
  });

  it('adds hours to their day, and leaves out rows outside the range', () => {
    const series = usageSeries(
      [row(1, { ok: 2 }), row(23, { forbidden: 1 }), row(24, { ok: 5 }), row(48, { ok: 9 })],
      { from: new Date(from), to: new Date(from + 2 * DAY_MS) },
      'day',
    );
    expect(series).toEqual([
      { at: new Date(from), ...zeros, ok: 2, forbidden: 1 },
      { at: new Date(from + DAY_MS), ...zeros, ok: 5 },
    ]);
  });
});
