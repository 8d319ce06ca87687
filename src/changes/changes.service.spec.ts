import { Test } from '@nestjs/testing';
import { firstValueFrom, take, toArray } from 'rxjs';
import { RedisConnection } from '../redis/redis-connection';
import type { Change, Reset } from './change';
import { ChangesService } from './changes.service';

/*
 * Without Redis (the bus numbers its own changes) and with a Redis whose
 * announcement fails. The subscription's life (sync, loss, reconnection)
 * needs a Redis server; the e2e suites run it against one.
 */
async function changes(client?: unknown) {
  const moduleRef = await Test.createTestingModule({
    providers: [ChangesService, { provide: RedisConnection, useValue: { client } }],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef.get(ChangesService);
}

describe('ChangesService without Redis', () => {
  it('is live from the start', async () => {
    expect((await changes()).isLive).toBe(true);
  });

  it('tells the caches of each change at once', async () => {
    const service = await changes();
    const seen: (Change | Reset)[] = [];
    service.changed$.subscribe((c) => seen.push(c));
    await service.publish({ type: 'key', id: 'k1' });
    expect(seen).toEqual([{ type: 'key', id: 'k1' }]);
  });

  it('streams the changes numbered in order under one epoch', async () => {
    const service = await changes();
    const events = firstValueFrom(service.stream().pipe(take(2), toArray()));
    await service.publish({ type: 'key', id: 'k1' });
    await service.publish({ type: 'user', id: 'u1' });
    const [first, second] = await events;
    const [epoch] = first.id.split('-');
    expect([first, second]).toEqual([
      { id: `${epoch}-1`, data: { type: 'key', id: 'k1' } },
      { id: `${epoch}-2`, data: { type: 'user', id: 'u1' } },
    ]);
  });

  it('resumes a stream after its last event id with what it missed', async () => {
    const service = await changes();
    const live = firstValueFrom(service.stream().pipe(take(1)));
    await service.publish({ type: 'key', id: 'k1' });
    const { id } = await live;
    await service.publish({ type: 'key', id: 'k2' });
    const resumed = await firstValueFrom(service.stream(id).pipe(take(1)));
    expect(resumed.data).toEqual({ type: 'key', id: 'k2' });
  });

  it('starts a reader of an unknown id afresh with a reset', async () => {
    const service = await changes();
    const first = await firstValueFrom(service.stream('elsewhere-7').pipe(take(1)));
    expect(first.data).toEqual({ type: 'reset' });
  });

  it('ends every open stream before shutdown', async () => {
    const service = await changes();
    const all = firstValueFrom(service.stream().pipe(toArray()));
    service.beforeApplicationShutdown();
    await expect(all).resolves.toEqual([]);
  });
});

describe('ChangesService with Redis', () => {
  it('evicts here at once even when the change cannot be announced elsewhere', async () => {
    const client = {
      options: { keyPrefix: 'lk:' },
      eval: () => Promise.reject(new Error('Connection is closed.')),
    };
    const service = await changes(client);
    const seen: (Change | Reset)[] = [];
    service.changed$.subscribe((c) => seen.push(c));
    await expect(service.publish({ type: 'key', id: 'k1' })).resolves.toBeUndefined();
    expect(seen).toEqual([{ type: 'key', id: 'k1' }]);
  });

  it('refuses streams with a 503 until the subscription is live', async () => {
    const service = await changes({ options: {} });
    expect(service.isLive).toBe(false);
    expect(() => service.stream()).toThrow(
      expect.objectContaining({ code: 'service_unavailable' }),
    );
  });
});
