import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { likeContains, pageWindow } from '../common/pagination';
import { DatabaseService } from '../database/database.service';
import { KeyStatus } from '../domain/key-tier';
import { User } from '../users/user.entity';
import { ApiKey } from './api-key.entity';
import type { KeySortField, ListKeysQueryDto } from './dto/list-keys-query.dto';
import { UNUSED_SINCE_CONDITION, unusedSince } from './key-unused';

/** A key read with its owner. */
export type OwnedKey = ApiKey & { owner: User };

const SORT_COLUMNS: Record<KeySortField, string> = {
  created_at: 'key.createdAt',
  name: 'key.name',
  expires_at: 'key.expiresAt',
  last_used: 'key.lastUsed',
};

/**
 * The keys service's queries: how key rows are found, locked, counted and
 * written, and nothing of who may do it (KeysService decides that). Writes
 * take the transaction's manager so that they commit with its audit events.
 */
@Injectable()
export class KeysRepository {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly database: DatabaseService,
  ) {}

  /** The manager outside any transaction, for reads. */
  get manager(): EntityManager {
    return this.keys.manager;
  }

  create(fields: Partial<ApiKey>): ApiKey {
    return this.keys.create(fields);
  }

  /** One page of keys (every owner's when `ownerId` is undefined), filtered and sorted. */
  page(
    ownerId: string | undefined,
    query: ListKeysQueryDto,
    now: Date,
  ): Promise<[ApiKey[], number]> {
    const builder = this.keys.createQueryBuilder('key');
    if (ownerId) builder.andWhere('key.ownerId = :ownerId', { ownerId });
    if (query.status === 'active') {
      builder
        .andWhere('key.status = :active', { active: KeyStatus.Active })
        .andWhere('(key.expiresAt IS NULL OR key.expiresAt > :now)', { now });
    } else if (query.status === 'inactive') {
      builder.andWhere('key.status = :inactive', { inactive: KeyStatus.Inactive });
    } else if (query.status === 'expired') {
      builder.andWhere('key.expiresAt <= :now', { now });
    }
    if (query.q) builder.andWhere("key.name LIKE :q ESCAPE '!'", { q: likeContains(query.q) });
    if (query.unused_days !== undefined) {
      builder.andWhere(UNUSED_SINCE_CONDITION, unusedSince(query.unused_days, now));
    }
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    return builder
      .orderBy(SORT_COLUMNS[query.sort], direction)
      .addOrderBy('key.id', direction)
      .skip(pageWindow(query).skip)
      .take(pageWindow(query).take)
      .getManyAndCount();
  }

  /**
   * Key `id` with its owner, only among `ownerId`'s keys when given; `lock`
   * holds its row until the transaction ends, `withHash` reads its token hash.
   */
  async findWithOwner(
    manager: EntityManager,
    id: string,
    options: { ownerId?: string; lock?: boolean; withHash?: boolean } = {},
  ): Promise<OwnedKey | null> {
    const builder = manager
      .createQueryBuilder(ApiKey, 'key')
      .innerJoinAndSelect('key.owner', 'owner')
      .where('key.id = :id', { id });
    if (options.ownerId !== undefined)
      builder.andWhere('key.ownerId = :ownerId', { ownerId: options.ownerId });
    if (options.withHash) builder.addSelect('key.keyHash');
    if (options.lock) this.database.forUpdate(builder);
    return (await builder.getOne()) as OwnedKey | null;
  }

  /** The keys whose current or grace-period token hash is among `hashes`, with both hashes. */
  findByTokenHashes(manager: EntityManager, hashes: string[]): Promise<ApiKey[]> {
    return manager
      .createQueryBuilder(ApiKey, 'key')
      .addSelect(['key.keyHash', 'key.previousKeyHash'])
      .where('key.keyHash IN (:...hashes) OR key.previousKeyHash IN (:...hashes)', { hashes })
      .getMany();
  }

  /**
   * Holds the owner's row until the transaction ends, so that key creations
   * for one owner take turns (the per-user limit holds under races). False
   * when there is no such user.
   */
  async lockOwner(manager: EntityManager, ownerId: string): Promise<boolean> {
    const query = manager
      .createQueryBuilder(User, 'user')
      .select('user.id')
      .where('user.id = :ownerId', { ownerId });
    return (await this.database.forUpdate(query).getOne()) !== null;
  }

  countOwnedBy(manager: EntityManager, ownerId: string): Promise<number> {
    return manager.countBy(ApiKey, { ownerId });
  }

  async insert(manager: EntityManager, key: ApiKey): Promise<void> {
    await manager.insert(ApiKey, key);
  }

  async update(manager: EntityManager, id: string, changes: Partial<ApiKey>): Promise<void> {
    await manager.update(ApiKey, { id }, changes);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ApiKey, { id });
  }
}
