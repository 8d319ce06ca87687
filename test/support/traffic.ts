/** Concurrent requests that keep going until stopped: load for outage and crash tests. */
export interface Traffic<T> {
  /** Results so far, in completion order. */
  readonly results: T[];
  /** Stops starting new requests and waits for those in flight. */
  stop(): Promise<T[]>;
}

/** `request` gets the request's number and its worker's (0 to concurrency - 1). */
export function startTraffic<T>(
  concurrency: number,
  request: (n: number, worker: number) => Promise<T>,
): Traffic<T> {
  const results: T[] = [];
  let stopped = false;
  let sequence = 0;
  const worker = async (index: number) => {
    while (!stopped) results.push(await request(sequence++, index));
  };
  const workers = Array.from({ length: concurrency }, (_, index) => worker(index));
  return {
    results,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      return results;
    },
  };
}
