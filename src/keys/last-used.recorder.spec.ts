import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { keysConfig } from './keys.config';
import { DatabaseService } from '../database/database.service';
import { KEYS_PER_UPDATE, LastUsedRecorder } from './last-used.recorder';

const AT = new Date('2026-12-01T10:00:00Z');
const LATER = new Date('2026-12-01T10:05:00Z');

/** What one UPDATE set: each key's time (as bound) and address. */
type Written = Record<string, { at: unknown; ip: unknown }>;

/**
 * A database whose transactions run at once, or wait for `fail`/`pass`
 * when `held`; each UPDATE's values per key are kept in `updates`, and
 * `transactions` counts the transactions that ran.
 */
function fakeDatabase() {
  const updates: Written[] = [];
  const state = { transactions: 0, held: false };
  let release: ((ok: boolean) => void) | undefined;
  const manager = {
    connection: {
      driver: { preparePersistentValue: (value: Date) => value.toISOString() },
      getMetadata: () => ({ findColumnWithPropertyName: () => ({}) }),
    },
    createQueryBuilder: () => {
      let parameters: Record<string, unknown> = {};
      const builder = {
        update: () => builder,
        set: () => builder,
        where: () => builder,
        setParameters: (given: Record<string, unknown>) => ((parameters = given), builder),
        execute: () => {
          const written: Written = {};
          for (let i = 0; `id${i}` in parameters; i++) {
            written[String(parameters[`id${i}`])] = {
              at: parameters[`at${i}`],
              ip: parameters[`ip${i}`],
            };
          }
          updates.push(written);
          return Promise.resolve();
        },
      };
      return builder;
    },
  };
  const database = {
    transaction: async (work: (m: typeof manager) => Promise<void>) => {
      if (state.held) {
        const ok = await new Promise<boolean>((resolve) => (release = resolve));
        if (!ok) throw new Error('database down');
      }
      state.transactions++;
      await work(manager);
    },
  };
  return {
    database,
    updates,
    state,
    fail: () => release?.(false),
  };
}

async function recorderOn(database: ReturnType<typeof fakeDatabase>['database']) {
  const moduleRef = await Test.createTestingModule({
    providers: [
      LastUsedRecorder,
      { provide: keysConfig.KEY, useValue: { lastUsedWriteIntervalS: 60 } },
      { provide: DatabaseService, useValue: database },
    ],
  }).compile();
  return moduleRef.get(LastUsedRecorder);
}

describe('LastUsedRecorder', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('shows a use before it is written, the latest one of each key', async () => {
    const recorder = await recorderOn(fakeDatabase().database);

    recorder.record('a', '203.0.113.7', AT);
    recorder.record('a', '', LATER);
    recorder.record('b', '198.51.100.1', AT);

    expect(recorder.pendingUse('a')).toEqual({ at: LATER, ip: null });
    expect(recorder.pendingUse('b')).toEqual({ at: AT, ip: '198.51.100.1' });
    expect(recorder.pendingUse('c')).toBeUndefined();
    await recorder.flush();
  });

  it('writes every pending use in one transaction, each key its own time and address', async () => {
    const { database, updates, state } = fakeDatabase();
    const recorder = await recorderOn(database);
    recorder.record('a', '203.0.113.7', AT);
    recorder.record('b', '', LATER);

    await recorder.flush();

    expect(state.transactions).toBe(1);
    expect(updates).toEqual([
      {
        a: { at: AT.toISOString(), ip: '203.0.113.7' },
        b: { at: LATER.toISOString(), ip: null },
      },
    ]);
    expect(recorder.pendingUse('a')).toBeUndefined();
    await recorder.flush();
    expect(state.transactions).toBe(1);
  });

  it(`writes more than ${KEYS_PER_UPDATE} keys in several UPDATEs of one transaction`, async () => {
    const { database, updates, state } = fakeDatabase();
    const recorder = await recorderOn(database);
    for (let i = 0; i <= KEYS_PER_UPDATE; i++) recorder.record(`key-${i}`, '', AT);

    await recorder.flush();

    expect(state.transactions).toBe(1);
    expect(updates.map((update) => Object.keys(update).length)).toEqual([KEYS_PER_UPDATE, 1]);
  });

  it('keeps the uses of a failed write for the next one, unless a newer use came', async () => {
    const { database, updates, state, fail } = fakeDatabase();
    const recorder = await recorderOn(database);
    recorder.record('a', '203.0.113.7', AT);
    recorder.record('b', '198.51.100.1', AT);

    state.held = true;
    const failing = recorder.flush();
    recorder.record('a', '203.0.113.8', LATER);
    fail();
    await failing;

    expect(updates).toEqual([]);
    expect(recorder.pendingUse('a')).toEqual({ at: LATER, ip: '203.0.113.8' });
    expect(recorder.pendingUse('b')).toEqual({ at: AT, ip: '198.51.100.1' });
    state.held = false;
    await recorder.flush();
    expect(updates).toEqual([
      {
        a: { at: LATER.toISOString(), ip: '203.0.113.8' },
        b: { at: AT.toISOString(), ip: '198.51.100.1' },
      },
    ]);
  });

  it('writes what is pending when the application shuts down', async () => {
    const { database, updates } = fakeDatabase();
    const recorder = await recorderOn(database);
    recorder.record('a', '203.0.113.7', AT);

    await recorder.onApplicationShutdown();

    expect(updates).toEqual([{ a: { at: AT.toISOString(), ip: '203.0.113.7' } }]);
  });
});
