import { Registry } from 'prom-client';
import { BufferedCounter } from './buffered-counter';

describe('BufferedCounter', () => {
  const setup = () => {
    const registry = new Registry();
    const counter = new BufferedCounter(registry, 'things_total', 'Things.', 'kind', [
      'a',
      'b',
    ] as const);
    const read = async () => (await registry.getSingleMetricAsString('things_total')).split('\n');
    return { counter, read };
  };

  it('exports every declared value from the start, at 0', async () => {
    const { read } = setup();
    expect(await read()).toEqual(
      expect.arrayContaining(['things_total{kind="a"} 0', 'things_total{kind="b"} 0']),
    );
  });

  it('adds the increments made since the last scrape to the running total', async () => {
    const { counter, read } = setup();
    counter.inc('a');
    counter.inc('a');
    expect(await read()).toContain('things_total{kind="a"} 2');
    counter.inc('a');
    counter.inc('b');
    const lines = await read();
    expect(lines).toContain('things_total{kind="a"} 3');
    expect(lines).toContain('things_total{kind="b"} 1');
    expect(await read()).toContain('things_total{kind="a"} 3');
  });

  it('ignores a value it was not declared with rather than exporting it', async () => {
    const { counter, read } = setup();
    (counter as BufferedCounter<string>).inc('lk_secret');
    expect((await read()).join('\n')).not.toContain('lk_secret');
  });
});
