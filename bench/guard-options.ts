/** `npm run bench:guard`'s command line and the issue's targets. */
import { parseArgs } from 'node:util';
import { type Load, wholeNumber } from './support';

/** The targets. */
export const TARGETS = {
  /** Guarded ÷ public, the guard's defaults. */
  defaults: 0.8,
  /** Guarded ÷ public, the cache off. */
  cacheOff: 0.3,
  /** A revoked key refused by the service within this, after Latchkey's answer. */
  reachMs: 250,
};

export interface Options extends Load {
  /** Guarded runs per configuration, each between two public runs. */
  rounds: number;
  keys: number;
  /** Revocations measured per kind of change. */
  reach: number;
}

export function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      keys: { type: 'string', default: '500' },
      reach: { type: 'string', default: '10' },
    },
  });
  return {
    durationS: wholeNumber('duration', values.duration),
    connections: wholeNumber('connections', values.connections),
    rounds: wholeNumber('rounds', values.rounds),
    keys: wholeNumber('keys', values.keys),
    reach: wholeNumber('reach', values.reach),
  };
}
