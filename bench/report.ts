/**
 * `npm run bench`'s report: one Markdown table, ready to paste into
 * BENCHMARKS.md, with every scenario against the plain NestJS app of its
 * own round (the mean of the plain runs just before and after it).
 */
import { cpus, loadavg } from 'node:os';
import type { Options } from './options';
import { median, type Row, type Sample } from './measure';

/** The median of `values` to two places, with their range when there are several. */
function medianWithRange(values: number[]): string {
  const text = median(values).toFixed(2);
  if (values.length < 2) return text;
  return `${text} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Each run's `ratio` of its plain runs' figure (their mean) to its own. */
function ratios(
  row: Row,
  ratio: (plain: number, own: number) => number,
  of: (s: Sample) => number,
) {
  return row.runs.map((run) => ratio(mean(run.plain.map(of)), of(run.sample)));
}

/** CPU per request of mariadbd / redis-server during the row's runs, when they served it. */
function helpersCell(row: Row): string {
  const names = Object.keys(row.runs[0].sample.helperCpuUs);
  if (names.length === 0) return '–';
  return names
    .map((name) => `${name} ${Math.round(median(row.runs.map((r) => r.sample.helperCpuUs[name])))}`)
    .join(', ');
}

function line(row: Row, paced: boolean): string {
  const of = (pick: (sample: Sample) => number) => median(row.runs.map((run) => pick(run.sample)));
  const last = row.runs[row.runs.length - 1].sample;
  const growth = row.runs.reduce((sum, run) => sum + run.sample.rssGrowthMb, 0);
  const cells = [
    row.scenario,
    String(Math.round(of((s) => s.rps))),
    String(Math.round(of((s) => s.cpuUs))),
    medianWithRange(
      ratios(
        row,
        (plain, own) => plain / own,
        (s) => s.cpuUs,
      ),
    ),
    medianWithRange(
      ratios(
        row,
        (plain, own) => own / plain,
        (s) => s.rps,
      ),
    ),
    of((s) => s.p99).toFixed(1),
    medianWithRange(
      ratios(
        row,
        (plain, own) => own / plain,
        (s) => s.p99,
      ),
    ),
    helpersCell(row),
    `${Math.round(last.rssMb)} (${growth >= 0 ? '+' : ''}${Math.round(growth)})`,
    ...(paced ? [row.paced ? `${row.paced.p50} / ${row.paced.p99}` : ''] : []),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** What a reader needs to weigh the figures: the run's settings and the machine's state. */
function setup(options: Options, loadBefore: number[]): string {
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  const tool =
    options.tool === 'wrk'
      ? `wrk -t1 -c${options.connections}`
      : `autocannon, ${options.connections} connections` +
        (options.toolFallback
          ? ' (wrk is not installed: autocannon takes a core from the server)'
          : '');
  return [
    `\`npm run bench -- ${process.argv.slice(2).join(' ')}\`, ${new Date().toISOString().slice(0, 16)} UTC`,
    `main service: ${options.db}${options.redis ? ' + Redis' : ''}, LOG_LEVEL=warn, ` +
      `KEY_CACHE_TTL_S ${options.cacheTtlS ?? 'default'}, ${options.keys} keys; ` +
      `${tool}; ${options.rounds} round(s) of ${options.durationS} s per run; ` +
      `node ${process.version}, ${cpus().length} cores, load average ${load(loadBefore)} before, ${load(loadavg())} after`,
  ].join('\n');
}

export function report(rows: Row[], options: Options, loadBefore: number[]): string {
  const paced = options.pacedShare > 0;
  const header = [
    'scenario',
    'req/s',
    'CPU µs/req',
    'plain CPU ÷ this',
    'req/s ÷ plain',
    'p99 ms',
    'p99 ÷ plain p99',
    'CPU µs/req in mariadbd, redis',
    'RSS MB (growth)',
    ...(paced ? [`paced at ${options.pacedShare} × req/s: p50 / p99 ms`] : []),
  ];
  const table = [
    `| ${header.join(' | ')} |`,
    `|---|${header
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
    ...rows.map((row) => line(row, paced)),
  ];
  return `${setup(options, loadBefore)}\n\n${table.join('\n')}`;
}
