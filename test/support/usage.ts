import type { Schemas } from '../../openapi';
import { KeyUsage } from '../../src/usage/key-usage.entity';
import { dataSourceOf } from './database';
import type { TestApp } from './test-app';

/** A usage point's four counts, without its time. */
export type UsageTotals = Omit<Schemas['UsagePointDto'], 'at'>;

/** A key's stored counts, summed over its hours (a test may straddle two). */
export async function storedTotals(t: TestApp, keyId: string): Promise<UsageTotals> {
  const rows = await dataSourceOf(t).getRepository(KeyUsage).findBy({ keyId });
  const totals: UsageTotals = { ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 };
  for (const row of rows) {
    totals.ok += row.ok;
    totals.unauthorized += row.unauthorized;
    totals.forbidden += row.forbidden;
    totals.rate_limited += row.rateLimited;
  }
  return totals;
}

/** Usage totals: the counts given, zero for the others. */
export const totals = (counts: Partial<UsageTotals>): UsageTotals => ({
  ok: 0,
  unauthorized: 0,
  forbidden: 0,
  rate_limited: 0,
  ...counts,
});
