import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { databaseConfig } from './database.config';
import { preparePrivateSqliteFile } from './sqlite-file';

@Injectable()
export class DatabaseService {
  private readonly logger = new Logger(DatabaseService.name);
  /** SQLite has one connection: its transactions must not interleave. */
  private sqliteWriteQueue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(databaseConfig.KEY) private readonly config: ConfigType<typeof databaseConfig>,
  ) {}

  get isSqlite(): boolean {
    return !this.config.url;
  }

  /** Connects (if not yet connected) and applies pending migrations. */
  async connectAndMigrate(): Promise<void> {
    if (!this.dataSource.isInitialized) {
      if (this.isSqlite) preparePrivateSqliteFile(this.config.sqlitePath);
      await this.dataSource.initialize();
    }
    const migrator = this.isSqlite ? this.dataSource : await this.unboundedDataSource();
    try {
      const applied = await migrator.runMigrations({ transaction: 'each' });
      for (const migration of applied) this.logger.log(`Applied migration ${migration.name}`);
    } finally {
      if (migrator !== this.dataSource) await migrator.destroy();
    }
  }

  /**
   * A connection of its own without the per-query limit of requests, for
   * migrations: an ALTER of a large table may take longer, and a migration cut
   * short would leave the schema half-changed. (SQLite has no such limit.)
   */
  private async unboundedDataSource(): Promise<DataSource> {
    return new DataSource(buildDataSourceOptions(this.config)).initialize();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /**
   * Runs `work` in a transaction. On MySQL/MariaDB that is a real transaction
   * with row locks; on SQLite, whose single connection would otherwise
   * interleave concurrent transactions, writes also queue up one at a time.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const run = this.sqliteWriteQueue.then(() => this.dataSource.transaction(work));
    this.sqliteWriteQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Locks the rows `query` reads until the transaction ends (SELECT … FOR
   * UPDATE), so concurrent changes to them queue up. On SQLite, whose writes
   * DatabaseService.transaction already serialises, it leaves `query` as is.
   */
  forUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.isSqlite ? query : query.setLock('pessimistic_write');
  }
}
