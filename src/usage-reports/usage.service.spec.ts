import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { In } from 'typeorm';
import { principalOf } from '../../test/factories/principal.factory';
import { ApiError } from '../common/api-error';
import { Role } from '../domain/permission';
import { KeysService } from '../keys/keys.service';
import { KeyUsage } from '../usage/key-usage.entity';
import type { KeyUsageQueryDto, ListUsageQueryDto } from './dto/usage.dto';
import { UsageService } from './usage.service';

const MINE = 'key-mine';
const THEIRS = 'key-theirs';

/** A stored hourly row of `keyId` at `hour`. */
function usageRow(keyId: string, hour: string, counts: Partial<KeyUsage> = {}): KeyUsage {
  return {
    keyId,
    hour: new Date(hour),
    ok: 0,
    unauthorized: 0,
    forbidden: 0,
    rateLimited: 0,
    ...counts,
  };
}

/** A query builder whose every step chains; its reads answer `rows` and `count`. */
function totalsQuery(rows: object[], count: string) {
  const builder: Record<string, jest.Mock> = {};
  for (const step of [
    'innerJoin',
    'where',
    'select',
    'addSelect',
    'groupBy',
    'addGroupBy',
    'orderBy',
    'addOrderBy',
    'offset',
    'limit',
  ]) {
    builder[step] = jest.fn(() => builder);
  }
  builder.getRawMany = jest.fn(() => Promise.resolve(rows));
  builder.getRawOne = jest.fn(() => Promise.resolve({ count }));
  return builder;
}

/**
 * UsageService over a fake usage repository holding `rows`, and a
 * KeysService that lets the caller see only MINE (404 for any other key).
 */
async function usageService(
  rows: KeyUsage[] = [],
  totals: { rows: object[]; count: string } = { rows: [], count: '0' },
) {
  const query = totalsQuery(totals.rows, totals.count);
  const usage = {
    find: jest.fn(() => Promise.resolve(rows)),
    createQueryBuilder: jest.fn(() => query),
  };
  const keys = {
    get: jest.fn((_caller: unknown, id: string) =>
      id === MINE ? Promise.resolve({ id }) : Promise.reject(ApiError.notFound('Key')),
    ),
  };
  const moduleRef = await Test.createTestingModule({
    providers: [
      UsageService,
      { provide: getRepositoryToken(KeyUsage), useValue: usage },
      { provide: KeysService, useValue: keys },
    ],
  }).compile();
  return { service: moduleRef.get(UsageService), usage, keys, query };
}

describe('UsageService', () => {
  const caller = principalOf(Role.Manager);
  const threeHours: KeyUsageQueryDto = {
    granularity: 'hour',
    from: '2026-12-01T10:00:00Z',
    to: '2026-12-01T13:00:00Z',
  };

  describe('keySeries', () => {
    it('answers a point per hour of the range, the stored counts in theirs, zeros elsewhere', async () => {
      const { service } = await usageService([
        usageRow(MINE, '2026-12-01T11:00:00Z', { ok: 5, forbidden: 1, rateLimited: 2 }),
      ]);

      const series = await service.keySeries(caller, MINE, threeHours);

      expect(series).toEqual({
        key_id: MINE,
        granularity: 'hour',
        series: [
          { at: '2026-12-01T10:00:00.000Z', ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 },
          { at: '2026-12-01T11:00:00.000Z', ok: 5, unauthorized: 0, forbidden: 1, rate_limited: 2 },
          { at: '2026-12-01T12:00:00.000Z', ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 },
        ],
      });
    });

    it('adds up the hours of a day at day granularity', async () => {
      const { service } = await usageService([
        usageRow(MINE, '2026-12-01T09:00:00Z', { ok: 2, unauthorized: 1 }),
        usageRow(MINE, '2026-12-01T17:00:00Z', { ok: 3 }),
      ]);

      const { series } = await service.keySeries(caller, MINE, {
        granularity: 'day',
        from: '2026-12-01T00:00:00Z',
        to: '2026-12-03T00:00:00Z',
      });

      expect(series.map((day) => [day.at, day.ok, day.unauthorized])).toEqual([
        ['2026-12-01T00:00:00.000Z', 5, 1],
        ['2026-12-02T00:00:00.000Z', 0, 0],
      ]);
    });

    it('answers 404 for a key the caller may not see, and reads no usage', async () => {
      const { service, usage } = await usageService();

      await expect(service.keySeries(caller, THEIRS, threeHours)).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(usage.find).not.toHaveBeenCalled();
    });

    it('refuses a range wider than 31 days of hours with 400 naming from', async () => {
      const { service, usage } = await usageService();

      await expect(
        service.keySeries(caller, MINE, {
          granularity: 'hour',
          from: '2026-10-01T00:00:00Z',
          to: '2026-12-01T00:00:00Z',
        }),
      ).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'from' }] });
      expect(usage.find).not.toHaveBeenCalled();
    });
  });

  describe('keysSeries', () => {
    it('answers in the order asked, each key with its own rows, from one read', async () => {
      const other = 'key-other';
      const { service, usage, keys } = await usageService([
        usageRow(MINE, '2026-12-01T10:00:00Z', { ok: 1 }),
        usageRow(other, '2026-12-01T10:00:00Z', { ok: 7 }),
      ]);
      keys.get.mockImplementation((_caller, id) => Promise.resolve({ id }));

      const answered = await service.keysSeries(caller, [other, MINE, other], threeHours);

      expect(answered.map((s) => [s.key_id, s.series[0].ok])).toEqual([
        [other, 7],
        [MINE, 1],
        [other, 7],
      ]);
      expect(keys.get).toHaveBeenCalledTimes(2);
      expect(usage.find).toHaveBeenCalledTimes(1);
      expect(usage.find).toHaveBeenCalledWith({
        where: { keyId: In([other, MINE]), hour: expect.anything() },
      });
    });

    it('refuses the whole request when one key is not the caller’s', async () => {
      const { service, usage } = await usageService();

      await expect(service.keysSeries(caller, [MINE, THEIRS], threeHours)).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(usage.find).not.toHaveBeenCalled();
    });
  });

  describe('totals', () => {
    const from = '2026-11-01T00:00:00Z';
    const to = '2026-12-01T00:00:00Z';
    const page: ListUsageQueryDto = {
      page: 1,
      per_page: 20,
      sort: 'total',
      order: 'desc',
      from,
      to,
    };

    it("refuses anyone but an admin every key's usage, with 403", async () => {
      const { service, usage } = await usageService();

      await expect(service.totals(principalOf(Role.Manager), page)).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(usage.createQueryBuilder).not.toHaveBeenCalled();
    });

    it('answers numbers and their total per key, whatever type the driver sums to', async () => {
      const { service } = await usageService([], {
        rows: [
          {
            key_id: MINE,
            name: 'ci',
            owner_id: 'user-1',
            ok: '10',
            unauthorized: '2',
            forbidden: 1,
            rate_limited: '0',
          },
        ],
        count: '3',
      });

      const answer = await service.totals(principalOf(Role.Admin), page);

      expect(answer).toEqual({
        totals: [
          {
            key_id: MINE,
            name: 'ci',
            owner_id: 'user-1',
            ok: 10,
            unauthorized: 2,
            forbidden: 1,
            rate_limited: 0,
            total: 13,
          },
        ],
        total: 3,
      });
    });

    it('asks for the range, the chosen sort and the page it was given', async () => {
      const { service, query } = await usageService();

      await service.totals(principalOf(Role.Admin), {
        ...page,
        page: 3,
        per_page: 10,
        sort: 'rate_limited',
        order: 'asc',
      });

      expect(query.where).toHaveBeenCalledWith(expect.any(String), {
        from: new Date(from),
        to: new Date(to),
      });
      expect(query.orderBy).toHaveBeenCalledWith('SUM(usage.rateLimited)', 'ASC');
      expect(query.offset).toHaveBeenCalledWith(20);
      expect(query.limit).toHaveBeenCalledWith(10);
    });
  });
});
