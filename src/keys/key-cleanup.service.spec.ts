import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { principalOf } from '../../test/factories/principal.factory';
import { fakeDatabase, fakeManager } from '../../test/support/fake-database';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import type { Change } from '../changes/change';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { Role } from '../domain/permission';
import { ApiKey } from './api-key.entity';
import { KeyCleanupService } from './key-cleanup.service';
import type { CleanupKeysDto } from './dto/cleanup.dto';
import { KeysService } from './keys.service';
import { LastUsedRecorder } from './last-used.recorder';

/*
 * Which keys a clean-up selects (expired, disabled, unused, never a root key)
 * is SQL built inline on TypeORM's query builder: it needs a database and is
 * covered by test/key-cleanup.e2e-spec.ts, as is counts(). Here: the refusal
 * of bad combinations, and what is deleted, audited and published for the
 * keys the query returns.
 */
const ADMIN = principalOf(Role.Admin);
const IP = '203.0.113.7';

async function cleanup(matching: { id: string }[] = []) {
  const manager = fakeManager(() => matching);
  const audited: AuditEntry[] = [];
  const published: Change[] = [];
  const lastUsed = { flush: jest.fn(() => Promise.resolve()) };
  const moduleRef = await Test.createTestingModule({
    providers: [
      KeyCleanupService,
      { provide: getRepositoryToken(ApiKey), useValue: {} },
      { provide: KeysService, useValue: { ownerScope: (_: unknown, ownerId?: string) => ownerId } },
      { provide: DatabaseService, useValue: fakeDatabase(manager) },
      {
        provide: AuditService,
        useValue: { record: (entry: AuditEntry) => Promise.resolve(void audited.push(entry)) },
      },
      {
        provide: ChangesService,
        useValue: { publish: (change: Change) => Promise.resolve(void published.push(change)) },
      },
      { provide: LastUsedRecorder, useValue: lastUsed },
    ],
  }).compile();
  return { service: moduleRef.get(KeyCleanupService), manager, audited, published, lastUsed };
}

describe('KeyCleanupService.cleanup', () => {
  it('refuses a clean-up that chooses nothing, touching nothing', async () => {
    const { service, manager, audited } = await cleanup([{ id: 'k1' }]);
    await expect(service.cleanup(ADMIN, {}, undefined, IP)).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'expired' }],
    });
    await expect(
      service.cleanup(ADMIN, { expired: false, inactive: false }, undefined, IP),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(manager.delete).not.toHaveBeenCalled();
    expect(audited).toEqual([]);
  });

  it.each<[string, CleanupKeysDto]>([
    ['expired', { expired_and_inactive: true, expired: true }],
    ['inactive', { expired_and_inactive: true, inactive: true }],
    ['unused_days', { expired_and_inactive: true, unused_days: 30 }],
  ])('refuses expired_and_inactive combined with %s', async (_, dto) => {
    const { service, manager, audited } = await cleanup([{ id: 'k1' }]);
    await expect(service.cleanup(ADMIN, dto, undefined, IP)).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'expired_and_inactive' }],
    });
    expect(manager.delete).not.toHaveBeenCalled();
    expect(audited).toEqual([]);
  });

  it('deletes the matching keys, audits them and announces each change', async () => {
    const { service, manager, audited, published, lastUsed } = await cleanup([
      { id: 'k1' },
      { id: 'k2' },
    ]);
    const dto = { expired: true, inactive: true, unused_days: 90 };
    await expect(service.cleanup(ADMIN, dto, 'owner-7', IP)).resolves.toBe(2);
    expect(manager.delete).toHaveBeenCalledWith(ApiKey, ['k1', 'k2']);
    // Uses not yet written count: they are written before "unused" is decided.
    expect(lastUsed.flush.mock.invocationCallOrder[0]).toBeLessThan(
      (manager.delete as jest.Mock).mock.invocationCallOrder[0],
    );
    expect(audited).toEqual([
      {
        action: 'key.cleanup',
        actor: ADMIN,
        targetType: 'api_key',
        targetId: null,
        ip: IP,
        details: {
          criteria: ['expired', 'inactive', 'unused'],
          unused_days: 90,
          owner_id: 'owner-7',
          deleted: 2,
          key_ids: ['k1', 'k2'],
        },
      },
    ]);
    expect(published).toEqual([
      { type: 'key', id: 'k1' },
      { type: 'key', id: 'k2' },
    ]);
  });

  it('audits a clean-up that found nothing, deleting and announcing nothing', async () => {
    const { service, manager, audited, published } = await cleanup([]);
    await expect(
      service.cleanup(ADMIN, { expired_and_inactive: true }, undefined, IP),
    ).resolves.toBe(0);
    expect(manager.delete).not.toHaveBeenCalled();
    expect(audited[0].details).toEqual({
      criteria: ['expired_and_inactive'],
      owner_id: null,
      deleted: 0,
      key_ids: [],
    });
    expect(published).toEqual([]);
  });
});
