/**
 * The layers of a request (issue 16), by the places (bench/cpu-profile.ts)
 * their code lives in. A profile sample is charged to the innermost frame on
 * its stack that belongs to a layer, so a hash computed for the key check
 * counts there and a socket write under Fastify counts as the framework;
 * Node's own modules and native functions belong to no layer and pass the
 * sample up. Files that are renamed fall through to "no layer", visibly.
 */
import { busySamples, type CpuProfile, placeOf, type Window } from './cpu-profile';

const LAYERS: [layer: string, places: RegExp][] = [
  [
    'logging and its async context (pino, nestjs-pino, AsyncLocalStorage)',
    /^(pino|pino-http|pino-std-serializers|nestjs-pino|sonic-boom|@pinojs\/.*|fast-redact|src\/common\/(logging|redact-tokens)\.ts)$/,
  ],
  // Fastify runs a body's parser callback, and so the rest of the request,
  // in an async scope: not logging, though nestjs-pino's scope once was.
  ['async scope of a body (AsyncResource)', /^node:async_hooks$/],
  ['Nest middleware runner (@fastify/middie, for the request logger)', /^@fastify\/middie$/],
  ['security headers', /^(helmet|@fastify\/helmet|src\/common\/security-headers\.ts)$/],
  ['CORS', /^@fastify\/cors$/],
  ['request ids (genReqId, X-Request-Id hook)', /^src\/app\.factory\.ts$/],
  ['guard: authentication', /^src\/auth\/(api-key-auth\.guard|extract-api-key|principal)\.ts$/],
  [
    'guard: rate limit, and the counter',
    /^(src\/rate-limit\/.*|@nestjs\/throttler|@nest-lab\/.*)$/,
  ],
  ['guard: access (permissions, scopes)', /^src\/permissions\/.*$/],
  [
    'validation pipe',
    /^(class-validator|class-transformer|validator|src\/common\/validation\.ts)$/,
  ],
  [
    'exception filter and error envelope',
    /^src\/common\/(all-exceptions\.filter|api-error|error-response|framework-errors)\.ts$/,
  ],
  ['metrics hook', /^(src\/metrics\/.*|prom-client)$/],
  ['last_used recording', /^src\/keys\/last-used\.recorder\.ts$/],
  ['key usage counting (onResponse hook)', /^src\/usage\/.*$/],
  ['key hash and cache lookup', /^(src\/keys\/.*|src\/key-cache\/.*|lru-cache)$/],
  ['database', /^(typeorm|better-sqlite3|mysql2|src\/database\/.*)$/],
  ['Redis', /^(ioredis|@ioredis\/.*|redis-parser)$/],
  [
    'route handlers and serialisation',
    /^(src\/.*|fast-json-stringify|fast-json-stable-stringify)$/,
  ],
  [
    'Nest and Fastify (what the plain app pays too)',
    /^(@nestjs\/.*|fastify|@fastify\/.*|find-my-way|avvio|reflect-metadata|rxjs|light-my-request|fast-querystring|toad-cache|process-warning|abstract-logging|safe-regex2|ret|json-schema-ref-resolver)$/,
  ],
  ['garbage collection', /^\(garbage collector\)$/],
];

const NO_LAYER = 'no layer (Node internals, V8, other packages)';

export function layerOf(place: string): string | undefined {
  return LAYERS.find(([, places]) => places.test(place))?.[0];
}

/** µs per request of each layer in the window, in the order of LAYERS; they add up to the profile's CPU. */
export function layerTable(
  profile: CpuProfile,
  requests: number,
  window: Window,
): { layer: string; us: number }[] {
  const { samples, nodeOf, parentOf } = busySamples(profile, window);
  const layerOfNode = new Map<number, string>();
  const charge = (id: number): string => {
    const known = layerOfNode.get(id);
    if (known) return known;
    const up = parentOf(id);
    const layer =
      layerOf(placeOf(nodeOf(id).callFrame)) ?? (up === undefined ? NO_LAYER : charge(up));
    layerOfNode.set(id, layer);
    return layer;
  };
  const totals = new Map<string, number>();
  for (const { leaf, us } of samples) {
    const layer = charge(leaf);
    totals.set(layer, (totals.get(layer) ?? 0) + us);
  }
  return [...LAYERS.map(([layer]) => layer), NO_LAYER]
    .filter((layer) => totals.has(layer))
    .map((layer) => ({ layer, us: totals.get(layer)! / requests }));
}

/** The layers as a Markdown table. */
export function layersMarkdown(layers: { layer: string; us: number }[]): string {
  return [
    '| layer | µs/req |',
    '|---|---:|',
    ...layers.map(({ layer, us }) => `| ${layer} | ${us.toFixed(1)} |`),
  ].join('\n');
}
