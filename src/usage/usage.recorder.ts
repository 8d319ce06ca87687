import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { DeferredFlush } from '../common/deferred-flush';
import { DatabaseService } from '../database/database.service';
import { ApiKey } from '../keys/api-key.entity';
import { KeyUsage } from './key-usage.entity';
import { USAGE_OUTCOMES, type UsageOutcome } from './usage-outcome';
import { HOUR_MS } from './usage-range';
import { usageConfig } from './usage.config';

/** One key's requests in one hour, not yet written: changed in place by each request. */
type Counts = Record<UsageOutcome, number>;

/** Counts by key id, of one hour. */
type HourCounts = Map<string, Counts>;

/**
 * Hours of counts kept while the database refuses them (an outage, or an
 * in-process guard on a schema without `key_usage`): a day, so that memory
 * stays bounded; older hours are dropped, with a warning.
 */
export const MAX_PENDING_HOURS = 24;

/** Rows per INSERT: six bound values each, far below SQLite's and MySQL's limits. */
export const ROWS_PER_INSERT = 500;

/**
 * Counts each key's requests by outcome and hour in memory, and adds them to
 * the stored rows in one batch at most once per USAGE_WRITE_INTERVAL_S and
 * at shutdown (the pattern of LastUsedRecorder). Recording a request is a
 * clock read, a map lookup and an increment: a key's counters are allocated
 * once per hour and interval, never per request.
 */
@Injectable()
export class UsageRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  private pending = new Map<number, HourCounts>();
  /** The hour `current` counts, [start, start + HOUR_MS); empty when none. */
  private currentStart = 0;
  private currentEnd = 0;
  private current: HourCounts = new Map();
  private readonly flushLater: DeferredFlush;

  constructor(
    @Inject(usageConfig.KEY) private readonly config: ConfigType<typeof usageConfig>,
    private readonly database: DatabaseService,
  ) {
    this.flushLater = new DeferredFlush(() => this.flush(), this.config.writeIntervalS);
  }

  record(keyId: string, outcome: UsageOutcome, now = Date.now()): void {
    if (now >= this.currentEnd || now < this.currentStart) this.switchHour(now);
    const counts = this.current.get(keyId);
    if (counts) counts[outcome]++;
    else this.current.set(keyId, newCounts(outcome));
    this.flushLater.schedule();
  }

  /** Adds what was counted since the last flush to the stored rows. */
  async flush(): Promise<void> {
    this.flushLater.cancel();
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    this.currentStart = this.currentEnd = 0;
    try {
      await this.database.transaction((manager) => writeCounts(manager, batch));
    } catch (error) {
      // Nothing was added (one transaction): count it again at the next flush.
      for (const [hour, keys] of batch) {
        for (const [keyId, counts] of keys) this.add(hour, keyId, counts);
      }
      this.logger.warn(`Could not record key usage: ${(error as Error).message}`);
      this.dropOldestHours();
      this.flushLater.schedule();
    }
  }

  /** After the HTTP server has closed, as LastUsedRecorder's. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private dropOldestHours(): void {
    const hours = [...this.pending.keys()].sort((a, b) => a - b);
    const dropped = hours.slice(0, Math.max(0, hours.length - MAX_PENDING_HOURS));
    for (const hour of dropped) this.pending.delete(hour);
    if (dropped.length > 0) {
      this.logger.warn(`Dropped the unwritten key usage of ${dropped.length} hours.`);
    }
  }

  private switchHour(now: number): void {
    const start = now - (now % HOUR_MS);
    let hour = this.pending.get(start);
    if (!hour) this.pending.set(start, (hour = new Map<string, Counts>()));
    this.current = hour;
    this.currentStart = start;
    this.currentEnd = start + HOUR_MS;
  }

  private add(hour: number, keyId: string, counts: Counts): void {
    let keys = this.pending.get(hour);
    if (!keys) this.pending.set(hour, (keys = new Map<string, Counts>()));
    const pending = keys.get(keyId);
    if (!pending) keys.set(keyId, counts);
    else for (const outcome of USAGE_OUTCOMES) pending[outcome] += counts[outcome];
  }
}

function newCounts(first: UsageOutcome): Counts {
  const counts = { ok: 0, unauthorized: 0, forbidden: 0, rate_limited: 0 };
  counts[first] = 1;
  return counts;
}

interface Row {
  keyId: string;
  hour: number;
  counts: Counts;
}

/**
 * Adds `batch` to the stored rows: one row per key and hour, incremented,
 * never overwritten, so that instances sharing a database add up. Keys
 * deleted since they were counted are left out (their rows went with them).
 */
async function writeCounts(manager: EntityManager, batch: Map<number, HourCounts>): Promise<void> {
  const rows: Row[] = [];
  for (const [hour, keys] of batch) {
    for (const [keyId, counts] of keys) rows.push({ keyId, hour, counts });
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const existing = await existingKeyIds(manager, chunk);
    const kept = chunk.filter((row) => existing.has(row.keyId));
    if (kept.length > 0) await manager.query(...incrementStatement(manager, kept));
  }
}

async function existingKeyIds(manager: EntityManager, rows: Row[]): Promise<Set<string>> {
  const keys = await manager
    .createQueryBuilder(ApiKey, 'key')
    .select('key.id')
    .where('key.id IN (:...ids)', { ids: [...new Set(rows.map((row) => row.keyId))] })
    .getMany();
  return new Set(keys.map((key) => key.id));
}

/** `INSERT … ON CONFLICT … DO UPDATE` (SQLite) or `… ON DUPLICATE KEY UPDATE` (MySQL). */
function incrementStatement(manager: EntityManager, rows: Row[]): [string, unknown[]] {
  const { driver } = manager.connection;
  const hourColumn = manager.connection.getMetadata(KeyUsage).findColumnWithPropertyName('hour')!;
  const parameters: unknown[] = [];
  for (const { keyId, hour, counts } of rows) {
    parameters.push(
      keyId,
      // As TypeORM itself would bind a Date to this column (SQLite takes none).
      driver.preparePersistentValue(new Date(hour), hourColumn),
      counts.ok,
      counts.unauthorized,
      counts.forbidden,
      counts.rate_limited,
    );
  }
  const columns = USAGE_OUTCOMES;
  const isSqlite = driver.options.type === 'better-sqlite3';
  const increments = columns
    .map((c) => (isSqlite ? `${c} = ${c} + excluded.${c}` : `${c} = ${c} + VALUES(${c})`))
    .join(', ');
  const sql =
    `INSERT INTO key_usage (key_id, hour, ${columns.join(', ')}) VALUES ` +
    rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ') +
    (isSqlite ? ` ON CONFLICT (key_id, hour) DO UPDATE SET ` : ` ON DUPLICATE KEY UPDATE `) +
    increments;
  return [sql, parameters];
}
