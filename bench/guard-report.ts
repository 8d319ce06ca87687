/** `npm run bench:guard`'s Markdown report. */
import { type Options, TARGETS } from './guard-options';
import type { ReachRow, ThroughputRow } from './guard-measure';
import { median } from './measure';

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const ms = (value: number) => value.toFixed(1);

export function report(rows: ThroughputRow[], reach: ReachRow[], options: Options): string {
  const setup =
    `remote mode, Latchkey on SQLite, ${options.keys} client keys in turn, ` +
    `${options.connections} connections, ${options.durationS} s per run, node ${process.version}`;
  const throughputTable = [
    '| guard | public req/s | guarded req/s | guarded p50 ms | guarded p99 ms | guarded ÷ public | target | |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.configuration} | ${Math.round(r.publicRps)} | ${Math.round(r.guardedRps)} | ` +
        `${r.p50} | ${r.p99} | ${r.ratio.toFixed(2)} | ≥ ${r.target.toFixed(2)} | ${met(r.ratio >= r.target)} |`,
    ),
  ];
  const reachTable = [
    `| key | samples | median ms | max ms | target | |`,
    '|---|---:|---:|---:|---:|---|',
    ...reach.map((r) => {
      const max = Math.max(...r.samples);
      return (
        `| ${r.change} | ${r.samples.length} | ${ms(median(r.samples))} | ${ms(max)} | ` +
        `≤ ${TARGETS.reachMs} | ${met(max <= TARGETS.reachMs)} |`
      );
    }),
  ];
  return [
    setup,
    '',
    ...throughputTable,
    '',
    'Revocation reach (defaults): from Latchkey answering the change to the service first refusing the key.',
    '',
    ...reachTable,
  ].join('\n');
}
