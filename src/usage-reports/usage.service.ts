import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, In, LessThan, MoreThanOrEqual, Repository } from 'typeorm';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { pageWindow } from '../common/pagination';
import { ApiKey } from '../keys/api-key.entity';
import { KeysService } from '../keys/keys.service';
import { actsOnAllUsers } from '../permissions/grants';
import type {
  KeyUsageDto,
  KeyUsageQueryDto,
  KeyUsageTotalsDto,
  ListUsageQueryDto,
  UsageSortField,
} from './dto/usage.dto';
import { KeyUsage } from '../usage/key-usage.entity';
import {
  DAY_MS,
  HOUR_MS,
  MAX_TOTALS_SPAN_MS,
  seriesRange,
  type UsageRange,
  usageRange,
  usageSeries,
} from '../usage/usage-range';

/** Without `from`, the totals cover the last 30 days. */
const DEFAULT_TOTALS_SPAN_MS = 30 * DAY_MS;

const COUNT_COLUMNS = ['ok', 'unauthorized', 'forbidden', 'rateLimited'] as const;
const TOTAL = COUNT_COLUMNS.map((column) => `usage.${column}`).join(' + ');
const SORT_EXPRESSIONS: Record<UsageSortField, string> = {
  total: `SUM(${TOTAL})`,
  ok: 'SUM(usage.ok)',
  unauthorized: 'SUM(usage.unauthorized)',
  forbidden: 'SUM(usage.forbidden)',
  rate_limited: 'SUM(usage.rateLimited)',
};

interface TotalsRow {
  key_id: string;
  name: string;
  owner_id: string;
  ok: string | number;
  unauthorized: string | number;
  forbidden: string | number;
  rate_limited: string | number;
}

/** Reads the stored usage (what instances have written, not what they still hold). */
@Injectable()
export class UsageService {
  constructor(
    @InjectRepository(KeyUsage) private readonly usage: Repository<KeyUsage>,
    private readonly keys: KeysService,
  ) {}

  /** One key's series, if the caller may see the key (404 otherwise, as `GET /keys/:id`). */
  async keySeries(caller: Principal, id: string, query: KeyUsageQueryDto): Promise<KeyUsageDto> {
    const [series] = await this.keysSeries(caller, [id], query);
    return series;
  }

  /**
   * The series of several keys, in the order asked, if the caller may see
   * every one of them (a 404 names the first it may not): one read of the
   * usage rows for all of them.
   */
  async keysSeries(
    caller: Principal,
    ids: string[],
    query: KeyUsageQueryDto,
  ): Promise<KeyUsageDto[]> {
    const range = seriesRange(query);
    const unique = [...new Set(ids)];
    for (const id of unique) await this.keys.get(caller, id);
    const rows = await this.usage.find({ where: { keyId: In(unique), hour: within(range) } });
    return ids.map((id) => {
      const points = rows
        .filter((row) => row.keyId === id)
        .map((row) => ({
          at: row.hour,
          ok: row.ok,
          unauthorized: row.unauthorized,
          forbidden: row.forbidden,
          rate_limited: row.rateLimited,
        }));
      return {
        key_id: id,
        granularity: query.granularity,
        series: usageSeries(points, range, query.granularity).map((point) => ({
          ...point,
          at: point.at.toISOString(),
        })),
      };
    });
  }

  /** Every key's totals over a range, admins only; keys with no use in it are left out. */
  async totals(
    caller: Principal,
    query: ListUsageQueryDto,
  ): Promise<{ totals: KeyUsageTotalsDto[]; total: number }> {
    if (!actsOnAllUsers(caller.user.role)) {
      throw ApiError.forbidden("Only admins may see every key's usage.");
    }
    const range = usageRange(query, HOUR_MS, DEFAULT_TOTALS_SPAN_MS, MAX_TOTALS_SPAN_MS);
    const inRange = () =>
      this.usage
        .createQueryBuilder('usage')
        .innerJoin(ApiKey, 'key', 'key.id = usage.keyId')
        .where('usage.hour >= :from AND usage.hour < :to', range);
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const { skip, take } = pageWindow(query);
    const [rows, counted] = await Promise.all([
      inRange()
        .select('usage.keyId', 'key_id')
        .addSelect('key.name', 'name')
        .addSelect('key.ownerId', 'owner_id')
        .addSelect('SUM(usage.ok)', 'ok')
        .addSelect('SUM(usage.unauthorized)', 'unauthorized')
        .addSelect('SUM(usage.forbidden)', 'forbidden')
        .addSelect('SUM(usage.rateLimited)', 'rate_limited')
        .groupBy('usage.keyId')
        .addGroupBy('key.name')
        .addGroupBy('key.ownerId')
        .orderBy(SORT_EXPRESSIONS[query.sort], direction)
        .addOrderBy('usage.keyId', direction)
        .offset(skip)
        .limit(take)
        .getRawMany<TotalsRow>(),
      inRange().select('COUNT(DISTINCT usage.keyId)', 'count').getRawOne<{ count: string }>(),
    ]);
    return { totals: rows.map(presentTotals), total: Number(counted?.count ?? 0) };
  }
}

function within(range: UsageRange) {
  return And(MoreThanOrEqual(range.from), LessThan(range.to));
}

/** MySQL sums to DECIMAL, which mysql2 reads as a string. */
function presentTotals(row: TotalsRow): KeyUsageTotalsDto {
  const ok = Number(row.ok);
  const unauthorized = Number(row.unauthorized);
  const forbidden = Number(row.forbidden);
  const rateLimited = Number(row.rate_limited);
  return {
    key_id: row.key_id,
    name: row.name,
    owner_id: row.owner_id,
    ok,
    unauthorized,
    forbidden,
    rate_limited: rateLimited,
    total: ok + unauthorized + forbidden + rateLimited,
  };
}
