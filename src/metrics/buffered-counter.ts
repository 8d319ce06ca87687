import { Counter, type Registry } from 'prom-client';

/**
 * A Prometheus counter with one label whose values are all known in
 * advance. `inc` is a plain addition to a number (no label hashing, nothing
 * allocated), so it costs nothing on a request's path; the sums are handed
 * to prom-client when the registry is scraped. Every value is exported from
 * the start, at 0, so that `rate()` sees the first increment.
 */
export class BufferedCounter<V extends string> {
  private readonly pending: Record<string, number> = Object.create(null) as Record<string, number>;

  constructor(
    registry: Registry,
    name: string,
    help: string,
    label: string,
    private readonly values: readonly V[],
  ) {
    for (const value of values) this.pending[value] = 0;
    const pending = this.pending;
    new Counter({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      collect() {
        for (const value of values) {
          this.inc({ [label]: value }, pending[value]);
          pending[value] = 0;
        }
      },
    });
  }

  /** Counts one event; a value outside the declared ones is ignored rather than exported. */
  inc(value: V): void {
    if (this.pending[value] !== undefined) this.pending[value] += 1;
  }
}
