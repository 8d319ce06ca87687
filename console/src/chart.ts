/*
 * Usage charts in plain SVG: a sparkline of totals and a bar chart stacked
 * by outcome. Built with createElementNS and attributes only (no inline
 * style, no markup parsed), coloured by classes from styles.css.
 */

import type { UsagePoint } from './api';

/** A count of a usage point: one outcome of a request. */
export type Outcome = Exclude<keyof UsagePoint, 'at'>;

export const OUTCOMES: { key: Outcome; label: string }[] = [
  { key: 'ok', label: 'OK' },
  { key: 'unauthorized', label: 'Unauthorized' },
  { key: 'forbidden', label: 'Forbidden' },
  { key: 'rate_limited', label: 'Rate-limited' },
];

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  ...children: (SVGElement | null)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) if (child) element.append(child);
  return element;
}

function title(text: string): SVGTitleElement {
  const element = svg('title', {});
  element.textContent = text;
  return element;
}

export const totalOf = (point: UsagePoint) =>
  point.ok + point.unauthorized + point.forbidden + point.rate_limited;

/**
 * The polyline points of a sparkline of `values` in a `width` × `height`
 * box: evenly spaced, the largest value at the top, zero at the bottom.
 */
export function sparklinePoints(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, i) => `${round(i * step)},${round(height - (value / max) * height)}`)
    .join(' ');
}

/** A small line of `values`, described by `label` for assistive technology. */
export function sparkline(
  values: number[],
  label: string,
  width = 120,
  height = 24,
): SVGSVGElement {
  return svg(
    'svg',
    {
      class: 'sparkline',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': label,
    },
    title(label),
    svg('polyline', { points: sparklinePoints(values, width, height - 1), fill: 'none' }),
  );
}

/** One bar per point, stacked by outcome; each segment names its count on hover. */
export function usageChart(
  series: UsagePoint[],
  label: string,
  describe: (point: UsagePoint) => string,
  width = 600,
  height = 160,
): SVGSVGElement {
  const max = Math.max(1, ...series.map(totalOf));
  const slot = series.length > 0 ? width / series.length : width;
  const barWidth = Math.max(1, slot * 0.8);
  const bars = series.map((point, i) => {
    let top = height;
    const segments = OUTCOMES.filter(({ key }) => point[key] > 0).map(({ key, label: name }) => {
      const size = (point[key] / max) * height;
      top -= size;
      return svg(
        'rect',
        {
          class: `bar ${key.replace('_', '-')}`,
          x: round(i * slot),
          y: round(top),
          width: round(barWidth),
          height: round(size),
        },
        title(`${describe(point)}: ${point[key]} ${name.toLowerCase()}`),
      );
    });
    return svg('g', {}, ...segments);
  });
  return svg(
    'svg',
    {
      class: 'usage-chart',
      viewBox: `0 0 ${width} ${height}`,
      preserveAspectRatio: 'none',
      role: 'img',
      'aria-label': label,
    },
    title(label),
    svg('line', { class: 'axis', x1: 0, y1: height, x2: width, y2: height }),
    ...bars,
  );
}

const round = (value: number) => Math.round(value * 10) / 10;
