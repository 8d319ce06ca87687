/** `npm run bench:guard`'s Markdown report. */
import { type Options, TARGETS } from './guard-options';
import type { ReachRow, ThroughputRow } from './guard-measure';
import { median, type Sample } from './measure';

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const ms = (value: number) => value.toFixed(1);

/** The median of a row's runs, with their range: `0.64 (0.59–0.70)`. */
function spread(values: number[], digits: number): string {
  const fixed = (n: number) => n.toFixed(digits);
  return `${fixed(median(values))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;
}

/** One line of the throughput table: medians over the rounds. */
function throughputLine({ configuration, target, runs }: ThroughputRow): string {
  const openRps = runs.map(({ open }) => (open[0].rps + open[1].rps) / 2);
  const openCpu = runs.map(({ open }) => (open[0].cpuUs + open[1].cpuUs) / 2);
  const byRps = runs.map(({ guarded }, i) => guarded.rps / openRps[i]);
  const byCpu = runs.map(({ guarded }, i) => openCpu[i] / guarded.cpuUs);
  const guarded = (pick: (s: Sample) => number) => median(runs.map((r) => pick(r.guarded)));
  return (
    `| ${configuration} | ${Math.round(median(openRps))} | ${Math.round(guarded((s) => s.rps))} | ` +
    `${Math.round(median(openCpu))} | ${Math.round(guarded((s) => s.cpuUs))} | ` +
    `${Math.round(guarded((s) => s.helperCpuUs.latchkey))} | ${guarded((s) => s.p99).toFixed(2)} | ` +
    `${spread(byRps, 2)} | ${spread(byCpu, 2)} | ≥ ${target.toFixed(2)} | ${met(median(byRps) >= target)} |`
  );
}

export function report(rows: ThroughputRow[], reach: ReachRow[], options: Options): string {
  const setup =
    `remote mode, Latchkey on SQLite, ${options.keys} client keys in turn, ` +
    `${options.connections} connections, ${options.rounds} rounds of ${options.durationS} s, node ${process.version}`;
  const throughputTable = [
    '| guard | public req/s | guarded req/s | public CPU µs/req | guarded CPU µs/req | Latchkey CPU µs per guarded req | guarded p99 ms | guarded ÷ public, req/s | public ÷ guarded, CPU | target (req/s) | |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(throughputLine),
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
