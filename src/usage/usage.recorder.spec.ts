import { Logger } from '@nestjs/common';
import type { DatabaseService } from '../database/database.service';
import { HOUR_MS } from './usage-range';
import { MAX_PENDING_HOURS, UsageRecorder } from './usage.recorder';

const HOUR = Date.UTC(2026, 11, 1, 10);

/**
 * A database that fails the first `failures` transactions, knows the keys
 * in `keyIds`, and keeps the values of each INSERT it is sent.
 */
function fakeDatabase(keyIds: string[], failures = 0) {
  const state = { failures };
  const inserts: unknown[][] = [];
  const manager = {
    connection: {
      driver: {
        options: { type: 'better-sqlite3' },
        preparePersistentValue: (value: Date) => value.toISOString(),
      },
      getMetadata: () => ({ findColumnWithPropertyName: () => ({}) }),
    },
    createQueryBuilder: () => {
      let asked: string[] = [];
      const builder = {
        select: () => builder,
        where: (_sql: string, { ids }: { ids: string[] }) => ((asked = ids), builder),
        getMany: () =>
          Promise.resolve(asked.filter((id) => keyIds.includes(id)).map((id) => ({ id }))),
      };
      return builder;
    },
    query: (_sql: string, values: unknown[]) => (inserts.push(values), Promise.resolve()),
  };
  const database = {
    transaction: (work: (m: typeof manager) => Promise<void>) =>
      state.failures-- > 0 ? Promise.reject(new Error('database down')) : work(manager),
  };
  return { database: database as unknown as DatabaseService, inserts, state };
}

const recorderOn = (database: DatabaseService) =>
  new UsageRecorder({ writeIntervalS: 60, retentionDays: 90 }, database);

describe('UsageRecorder', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('sends one row per key and hour, with the counts by outcome', async () => {
    const { database, inserts } = fakeDatabase(['a', 'b']);
    const recorder = recorderOn(database);
    recorder.record('a', 'ok', HOUR + 1);
    recorder.record('a', 'ok', HOUR + 2);
    recorder.record('a', 'rate_limited', HOUR + HOUR_MS);
    recorder.record('b', 'unauthorized', HOUR + 3);
    await recorder.flush();

    const iso = (time: number) => new Date(time).toISOString();
    expect(inserts).toEqual([
      [
        ...['a', iso(HOUR), 2, 0, 0, 0],
        ...['b', iso(HOUR), 0, 1, 0, 0],
        ...['a', iso(HOUR + HOUR_MS), 0, 0, 0, 1],
      ],
    ]);
  });

  it('keeps what a failed write held for the next flush, added to what came since', async () => {
    const { database, inserts } = fakeDatabase(['a'], 1);
    const recorder = recorderOn(database);
    recorder.record('a', 'ok', HOUR);
    recorder.record('a', 'forbidden', HOUR);
    await recorder.flush();
    expect(inserts).toEqual([]);

    recorder.record('a', 'ok', HOUR + 5);
    await recorder.flush();
    expect(inserts).toEqual([['a', new Date(HOUR).toISOString(), 2, 0, 1, 0]]);

    await recorder.flush();
    expect(inserts).toHaveLength(1);
  });

  it('leaves out keys that no longer exist, and writes nothing when none is left', async () => {
    const { database, inserts } = fakeDatabase(['a']);
    const recorder = recorderOn(database);
    recorder.record('gone', 'ok', HOUR);
    recorder.record('a', 'ok', HOUR);
    await recorder.flush();
    recorder.record('gone', 'ok', HOUR);
    await recorder.flush();
    expect(inserts).toEqual([['a', new Date(HOUR).toISOString(), 1, 0, 0, 0]]);
  });

  it('keeps the newest day of hours while the database fails, no more', async () => {
    const { database, inserts, state } = fakeDatabase(['a'], Infinity);
    const recorder = recorderOn(database);
    for (let hour = 0; hour < MAX_PENDING_HOURS + 6; hour++) {
      recorder.record('a', 'ok', HOUR + hour * HOUR_MS);
      await recorder.flush();
    }
    state.failures = 0;
    await recorder.flush();

    const hours = inserts[0].filter((value) => typeof value === 'string' && value !== 'a');
    expect(hours).toHaveLength(MAX_PENDING_HOURS);
    expect(hours[0]).toBe(new Date(HOUR + 6 * HOUR_MS).toISOString());
  });
});
