/** Concurrent requests that keep going until stopped: load for outage and crash tests. */
export interface Traffic<T> {
  /** Results so far, in completion order. */
  readonly results: T[];
  /** Stops starting new requests and waits for those in flight. */
  stop(): Promise<T[]>;
}

export function startTraffic<T>(
  concurrency: number,
  request: (n: number) => Promise<T>,
): Traffic<T> {
  const results: T[] = [];
  let stopped = false;
  let sequence = 0;
  const worker = async () => {
    while (!stopped) results.push(await request(sequence++));
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    results,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      return results;
    },
  };
}
