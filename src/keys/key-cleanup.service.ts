import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { ApiKey } from './api-key.entity';
import { KeyStatus } from '../domain/key-tier';
import { CleanupCountsDto, CleanupKeysDto } from './dto/cleanup.dto';
import { KeysService } from './keys.service';
import { UNUSED_SINCE_CONDITION, unusedSince } from './key-unused';
import { LastUsedRecorder } from './last-used.recorder';

type Criterion = 'expired' | 'inactive' | 'expired_and_inactive' | 'unused';

/** When a clean-up is decided, and the `unused_days` it was given. */
interface Moment {
  now: Date;
  unusedDays?: number;
}

/**
 * Bulk deletion of dead keys. `expired` means past its expiry (enabled or
 * not) and `inactive` means disabled: the same as the list's status filter.
 */
@Injectable()
export class KeyCleanupService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly keysService: KeysService,
    private readonly database: DatabaseService,
    private readonly audit: AuditService,
    private readonly changes: ChangesService,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  async counts(
    caller: Principal,
    ownerId?: string,
    unusedDays?: number,
  ): Promise<CleanupCountsDto> {
    const scope = this.keysService.ownerScope(caller, ownerId);
    if (unusedDays !== undefined) await this.lastUsed.flush();
    const moment = { now: new Date(), unusedDays };
    const count = (criterion: Criterion) =>
      this.scoped(this.keys.createQueryBuilder('key'), scope, [criterion], moment).getCount();
    const [expired, inactive, expiredAndInactive, unused] = await Promise.all([
      count('expired'),
      count('inactive'),
      count('expired_and_inactive'),
      unusedDays === undefined ? undefined : count('unused'),
    ]);
    return {
      expired,
      inactive,
      expired_and_inactive: expiredAndInactive,
      ...(unused !== undefined && { unused }),
    };
  }

  async cleanup(
    caller: Principal,
    dto: CleanupKeysDto,
    ownerId: string | undefined,
    ip: string,
  ): Promise<number> {
    const criteria = chosenCriteria(dto);
    const scope = this.keysService.ownerScope(caller, ownerId);
    // A key used since the last write of last_used is in use: write those
    // uses first, so "unused" never deletes a key this instance just saw.
    if (dto.unused_days !== undefined) await this.lastUsed.flush();
    const moment = { now: new Date(), unusedDays: dto.unused_days };
    const deleted = await this.database.transaction(async (manager) => {
      const doomed = await this.scoped(
        manager.createQueryBuilder(ApiKey, 'key').select('key.id'),
        scope,
        criteria,
        moment,
      ).getMany();
      const ids = doomed.map((key) => key.id);
      if (ids.length > 0) await manager.delete(ApiKey, ids);
      await this.audit.record(
        {
          action: 'key.cleanup',
          actor: caller,
          targetType: 'api_key',
          targetId: null,
          ip,
          details: {
            criteria,
            ...(dto.unused_days !== undefined && { unused_days: dto.unused_days }),
            owner_id: scope ?? null,
            deleted: ids.length,
            key_ids: ids,
          },
        },
        manager,
      );
      return ids;
    });
    for (const id of deleted) await this.changes.publish({ type: 'key', id });
    return deleted.length;
  }

  /**
   * Keys of `ownerId` (or everyone's) matching any of `criteria`. Never a root
   * key: a revoked or leak-reported one is kept so that its token is refused
   * if its key file comes back.
   */
  private scoped(
    builder: SelectQueryBuilder<ApiKey>,
    ownerId: string | undefined,
    criteria: Criterion[],
    moment: Moment,
  ): SelectQueryBuilder<ApiKey> {
    builder.where('key.isRoot = :isRoot', { isRoot: false });
    if (ownerId) builder.andWhere('key.ownerId = :ownerId', { ownerId });
    return builder.andWhere(
      new Brackets((any) => {
        for (const criterion of criteria)
          any.orWhere(new Brackets((where) => matches(where, criterion, moment)));
      }),
    );
  }
}

function matches(
  where: WhereExpressionBuilder,
  criterion: Criterion,
  { now, unusedDays }: Moment,
): void {
  const expired = 'key.expiresAt <= :now';
  const inactive = 'key.status = :inactive';
  const params = { now, inactive: KeyStatus.Inactive };
  if (criterion === 'unused') where.where(UNUSED_SINCE_CONDITION, unusedSince(unusedDays!, now));
  else if (criterion === 'expired') where.where(expired, params);
  else if (criterion === 'inactive') where.where(inactive, params);
  else where.where(expired, params).andWhere(inactive, params);
}

/** `expired_and_inactive` stands alone; at least one criterion is needed. */
function chosenCriteria(dto: CleanupKeysDto): Criterion[] {
  const chosen: Criterion[] = (['expired', 'inactive', 'expired_and_inactive'] as const).filter(
    (c) => dto[c] === true,
  );
  if (dto.unused_days !== undefined) chosen.push('unused');
  if (chosen.length === 0) {
    throw ApiError.validation(
      'Choose what to delete: expired, inactive, expired_and_inactive or unused_days.',
      [
        {
          field: 'expired',
          message:
            'at least one of expired, inactive, expired_and_inactive must be true, or unused_days given',
        },
      ],
    );
  }
  if (chosen.includes('expired_and_inactive') && chosen.length > 1) {
    throw ApiError.validation(
      'expired_and_inactive cannot be combined with expired, inactive or unused_days.',
      [
        {
          field: 'expired_and_inactive',
          message: 'cannot be combined with expired, inactive or unused_days',
        },
      ],
    );
  }
  return chosen;
}
