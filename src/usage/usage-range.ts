import { ApiError } from '../common/api-error';
import { USAGE_OUTCOMES, type UsageOutcome } from './usage-outcome';

export const GRANULARITIES = ['hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const STEP_MS: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS };

/** Without `from`: the last day of hours, the last 30 days of days. */
export const DEFAULT_SPAN_MS: Record<Granularity, number> = { hour: DAY_MS, day: 30 * DAY_MS };

/** The widest range one request may ask for: 31 days of hours (744 points), 366 days. */
export const MAX_SPAN_MS: Record<Granularity, number> = { hour: 31 * DAY_MS, day: 366 * DAY_MS };

/** The most points of one series: 31 days of hours. */
export const MAX_SERIES_POINTS = MAX_SPAN_MS.hour / HOUR_MS;

/** The widest range of the totals per key (`GET /usage`). */
export const MAX_TOTALS_SPAN_MS = 366 * DAY_MS;

export interface UsageRange {
  /** Inclusive, on a step boundary (UTC). */
  from: Date;
  /** Exclusive, on a step boundary (UTC). */
  to: Date;
}

/**
 * The range asked for, widened to whole steps (UTC): `to` defaults to now,
 * `from` to DEFAULT_SPAN_MS before `to`. A range that ends before it starts,
 * or is wider than `maxSpanMs`, is a 400 naming `from`.
 */
export function usageRange(
  query: { from?: string; to?: string },
  stepMs: number,
  defaultSpanMs: number,
  maxSpanMs: number,
  now = Date.now(),
): UsageRange {
  const to = ceilTo(query.to === undefined ? now : parseDate(query.to, 'to'), stepMs);
  const from = floorTo(
    query.from === undefined ? to - defaultSpanMs : parseDate(query.from, 'from'),
    stepMs,
  );
  if (from > to) {
    throw ApiError.validation('from must not be after to.', [
      { field: 'from', message: 'must not be after to' },
    ]);
  }
  if (to - from > maxSpanMs) {
    const days = Math.floor(maxSpanMs / DAY_MS);
    throw ApiError.validation(`The range from … to may span at most ${days} days.`, [
      { field: 'from', message: `must be at most ${days} days before to` },
    ]);
  }
  return { from: new Date(from), to: new Date(to) };
}

/** The range of a key's series at `granularity`. */
export function seriesRange(
  query: { from?: string; to?: string; granularity: Granularity },
  now?: number,
): UsageRange {
  const { granularity } = query;
  return usageRange(
    query,
    STEP_MS[granularity],
    DEFAULT_SPAN_MS[granularity],
    MAX_SPAN_MS[granularity],
    now,
  );
}

export type UsageCounts = Record<UsageOutcome, number>;

export interface UsagePoint extends UsageCounts {
  at: Date;
}

/**
 * One point per step of `range`, zeros where nothing was counted, from the
 * hourly rows (each added to the step its hour starts in).
 */
export function usageSeries(
  rows: readonly UsagePoint[],
  range: UsageRange,
  granularity: Granularity,
): UsagePoint[] {
  const step = STEP_MS[granularity];
  const start = range.from.getTime();
  const points: UsagePoint[] = [];
  for (let at = start; at < range.to.getTime(); at += step) {
    points.push({ at: new Date(at), ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 });
  }
  for (const row of rows) {
    const point = points[Math.floor((row.at.getTime() - start) / step)];
    if (!point) continue;
    for (const outcome of USAGE_OUTCOMES) point[outcome] += row[outcome];
  }
  return points;
}

/** Dates the databases can compare (MySQL's DATETIME ends with the year 9999). */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 0, 1);

/** An ISO 8601 date the validator passed, which may still be past what a Date or the database holds. */
function parseDate(text: string, field: 'from' | 'to'): number {
  const time = Date.parse(text);
  if (Number.isFinite(time) && time >= EARLIEST && time <= LATEST) return time;
  throw ApiError.validation(`${field} must be a date from 1970 to 9999.`, [
    { field, message: 'must be a date from 1970 to 9999' },
  ]);
}

function floorTo(time: number, step: number): number {
  return time - (((time % step) + step) % step);
}

function ceilTo(time: number, step: number): number {
  const floor = floorTo(time, step);
  return floor === time ? time : floor + step;
}
