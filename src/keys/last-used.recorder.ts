import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { DeferredFlush } from '../common/deferred-flush';
import { DatabaseService } from '../database/database.service';
import { ApiKey } from './api-key.entity';
import { keysConfig } from './keys.config';

/** A key's latest use, changed in place by every later use until it is written. */
interface PendingUse {
  keyId: string;
  /** Milliseconds since the epoch: a number, not a Date, in a map that may hold every key. */
  at: number;
  /** Null when a verification named no client address. */
  ip: string | null;
}

export interface LastUse {
  at: Date;
  ip: string | null;
}

/** Keys per UPDATE: five bound values each, far below SQLite's and MySQL's limits. */
export const KEYS_PER_UPDATE = 500;

/**
 * Remembers each key's latest use in memory and writes them in one batch at
 * most once per LAST_USED_WRITE_INTERVAL_S, so load never turns reads into
 * writes and no request waits on one. Pending uses are flushed at shutdown.
 *
 * A use changes its key's pending entry in place instead of replacing it:
 * with many keys in turn an entry lives for a whole interval, long enough to
 * reach V8's old generation, and one new entry per request was old-space
 * garbage that the heap grew to hold (BENCHMARKS.md, memory).
 */
@Injectable()
export class LastUsedRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedRecorder.name);
  private pending = new Map<string, PendingUse>();
  private readonly flushLater: DeferredFlush;

  constructor(
    @Inject(keysConfig.KEY) private readonly config: ConfigType<typeof keysConfig>,
    private readonly database: DatabaseService,
  ) {
    this.flushLater = new DeferredFlush(() => this.flush(), this.config.lastUsedWriteIntervalS);
  }

  record(keyId: string, ip: string, at = new Date()): void {
    const use = this.pending.get(keyId);
    if (use) {
      use.at = at.getTime();
      use.ip = ip || null;
    } else {
      this.pending.set(keyId, { keyId, at: at.getTime(), ip: ip || null });
    }
    this.flushLater.schedule();
  }

  /** A use not yet written, so that responses show it before the next flush. */
  pendingUse(keyId: string): LastUse | undefined {
    const use = this.pending.get(keyId);
    return use && { at: new Date(use.at), ip: use.ip };
  }

  async flush(): Promise<void> {
    this.flushLater.cancel();
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    try {
      await this.database.transaction(async (manager) => {
        for (const uses of chunksOf(batch.values(), KEYS_PER_UPDATE)) {
          await writeUses(manager, uses);
        }
      });
    } catch (error) {
      // Keep what failed for the next flush unless a newer use replaced it.
      for (const [id, use] of batch) if (!this.pending.has(id)) this.pending.set(id, use);
      this.logger.warn(
        `Could not record last use of ${batch.size} keys: ${(error as Error).message}`,
      );
      this.flushLater.schedule();
    }
  }

  /**
   * After the HTTP server has closed, so that the uses of requests answered
   * while it drained are written too; the database closes later (TypeORM's
   * module is global, and Nest shuts global modules down last).
   */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}

/**
 * One UPDATE for many keys, each to its own values (`CASE id WHEN … THEN …`):
 * a statement per key cost more CPU at each flush than the requests around it.
 */
async function writeUses(manager: EntityManager, uses: PendingUse[]): Promise<void> {
  const { driver } = manager.connection;
  const lastUsedColumn = manager.connection
    .getMetadata(ApiKey)
    .findColumnWithPropertyName('lastUsed')!;
  const parameters: ObjectLiteral = { ids: uses.map((use) => use.keyId) };
  uses.forEach((use, i) => {
    parameters[`id${i}`] = use.keyId;
    // As TypeORM itself would bind a Date to this column (SQLite takes none).
    parameters[`at${i}`] = driver.preparePersistentValue(
      new Date(use.at),
      lastUsedColumn,
    ) as unknown;
    parameters[`ip${i}`] = use.ip;
  });
  const byId = (value: 'at' | 'ip') =>
    `CASE id ${uses.map((_, i) => `WHEN :id${i} THEN :${value}${i}`).join(' ')} END`;
  await manager
    .createQueryBuilder()
    .update(ApiKey)
    .set({ lastUsed: () => byId('at'), lastUsedIp: () => byId('ip') })
    .where('id IN (:...ids)')
    .setParameters(parameters)
    .execute();
}

/** `items` in arrays of `size` (the last one shorter), taken as they are needed. */
function* chunksOf<T>(items: Iterator<T>, size: number): Generator<T[]> {
  for (;;) {
    const chunk: T[] = [];
    for (let next = items.next(); !next.done; next = items.next()) {
      if (chunk.push(next.value) === size) break;
    }
    if (chunk.length === 0) return;
    yield chunk;
  }
}
