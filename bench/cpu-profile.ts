/**
 * Where a request's CPU goes, from a V8 CPU profile (`node --cpu-prof`) of
 * the server under load: each sample's time is charged to the places on its
 * stack, a place being one of our files (`src/...`, from `dist/` mapped back),
 * a package in node_modules, a part of Node or a native function, and divided by the requests
 * answered in the window. "self" is time in the place's own functions;
 * "total" also counts what they called (each sample once per place, however
 * deep it recurs). Idle time is left out.
 *
 * Prints the layers of bench/layers.ts, then the places.
 *
 *   npx ts-node --transpile-only bench/cpu-profile.ts <file.cpuprofile> --requests N
 *       [--from <µs> --to <µs>] [--top 40]
 *
 * `--from` and `--to` bound the window in the profile's own clock
 * (CLOCK_MONOTONIC in µs, as `process.hrtime` reads it on Linux); without
 * them the whole profile counts, start-up included.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { layersMarkdown, layerTable } from './layers';
import { wholeNumber } from './support';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Place {
  place: string;
  selfUs: number;
  totalUs: number;
}

/** V8's pseudo-frames: the VM outside JavaScript, the collector, and waiting. */
const IDLE = '(idle)';

/** The place a frame belongs to: our file, a package, a part of Node, or a V8 pseudo-frame. */
export function placeOf({ functionName, url }: ProfileNode['callFrame']): string {
  // Without a script: V8's pseudo-frames, or a built-in or native function (e.g. a socket's writev).
  if (!url)
    return functionName.startsWith('(') ? functionName : `native ${functionName || '(anonymous)'}`;
  const packages = url.split('/node_modules/');
  if (packages.length > 1) {
    const [first, second] = packages[packages.length - 1].split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const ours = /\/(?:dist\/)?(src|bench)\/(.+?)\.[jt]s$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}.ts`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0];
  return url;
}

export interface Window {
  from?: number;
  to?: number;
}

/**
 * The busy samples in `window` (idle left out): each sample's leaf node and
 * the time it stands for (until the next sample); `parentOf` climbs a stack.
 */
export function busySamples(
  profile: CpuProfile,
  window: Window = {},
): {
  samples: { leaf: number; us: number }[];
  nodeOf: (id: number) => ProfileNode;
  parentOf: (id: number) => number | undefined;
  windowUs: number;
} {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const samples: { leaf: number; us: number }[] = [];
  let time = profile.startTime;
  let first: number | undefined;
  let last = 0;
  profile.samples.forEach((leaf, i) => {
    time += profile.timeDeltas[i];
    if ((window.from ?? -Infinity) > time || time > (window.to ?? Infinity)) return;
    first ??= time;
    last = time;
    if (placeOf(byId.get(leaf)!.callFrame) === IDLE) return;
    samples.push({ leaf, us: profile.timeDeltas[i + 1] ?? 0 });
  });
  return {
    samples,
    nodeOf: (id) => byId.get(id)!,
    parentOf: (id) => parent.get(id),
    windowUs: first === undefined ? 0 : last - first,
  };
}

/** Self and total time per request of every place in the window, busiest first. */
export function summarise(
  profile: CpuProfile,
  requests: number,
  window: Window = {},
): { places: Place[]; busyUs: number; windowUs: number } {
  const { samples, nodeOf, parentOf, windowUs } = busySamples(profile, window);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const add = (map: Map<string, number>, place: string, us: number) =>
    map.set(place, (map.get(place) ?? 0) + us);
  let busyUs = 0;
  for (const { leaf, us } of samples) {
    busyUs += us;
    add(self, placeOf(nodeOf(leaf).callFrame), us);
    const onStack = new Set<string>();
    for (let node: number | undefined = leaf; node !== undefined; node = parentOf(node)) {
      onStack.add(placeOf(nodeOf(node).callFrame));
    }
    onStack.delete('(root)');
    for (const place of onStack) add(total, place, us);
  }
  const places = [...total.keys()]
    .map((place) => ({
      place,
      selfUs: (self.get(place) ?? 0) / requests,
      totalUs: total.get(place)! / requests,
    }))
    .sort((a, b) => b.selfUs - a.selfUs);
  return { places, busyUs: busyUs / requests, windowUs };
}

/** The summary as a Markdown table, the `top` busiest places by self time. */
export function placesTable(summary: ReturnType<typeof summarise>, top: number): string {
  const rows = summary.places
    .slice(0, top)
    .map(
      ({ place, selfUs, totalUs }) => `| ${place} | ${selfUs.toFixed(1)} | ${totalUs.toFixed(1)} |`,
    );
  return [
    `CPU in the profile: ${summary.busyUs.toFixed(1)} µs per request (window ${(summary.windowUs / 1e6).toFixed(1)} s)`,
    '',
    '| place (our file, package, part of Node) | self µs/req | total µs/req |',
    '|---|---:|---:|',
    ...rows,
  ].join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      requests: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      top: { type: 'string', default: '40' },
    },
  });
  if (positionals.length !== 1 || values.requests === undefined) {
    throw new Error(
      'usage: cpu-profile.ts <file.cpuprofile> --requests N [--from µs --to µs] [--top 40]',
    );
  }
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as CpuProfile;
  const requests = wholeNumber('requests', values.requests);
  const window = {
    from: values.from === undefined ? undefined : Number(values.from),
    to: values.to === undefined ? undefined : Number(values.to),
  };
  process.stdout.write(
    `${layersMarkdown(layerTable(profile, requests, window))}\n\n` +
      `${placesTable(summarise(profile, requests, window), wholeNumber('top', values.top))}\n`,
  );
}

if (require.main === module) main();
