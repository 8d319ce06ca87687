import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { principalOf } from '../../test/factories/principal.factory';
import { Role } from '../domain/permission';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';

/** An audit table that keeps what is inserted into it. */
function table() {
  const rows: Record<string, unknown>[] = [];
  return { rows, insert: (row: Record<string, unknown>) => Promise.resolve(void rows.push(row)) };
}

async function audit() {
  const events = table();
  const moduleRef = await Test.createTestingModule({
    providers: [AuditService, { provide: getRepositoryToken(AuditEvent), useValue: events }],
  }).compile();
  return { service: moduleRef.get(AuditService), events };
}

describe('AuditService.record', () => {
  afterEach(() => jest.useRealTimers());

  it('writes who did what to which target, from where', async () => {
    const { service, events } = await audit();
    const actor = principalOf(Role.Manager, ['admin'], { userId: 'u-1', keyId: 'k-1' });
    await service.record({
      action: 'key.create',
      actor,
      targetType: 'api_key',
      targetId: 'k-2',
      ip: '203.0.113.7',
      details: { name: 'ci' },
    });
    expect(events.rows).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        action: 'key.create',
        actorUserId: 'u-1',
        actorKeyId: 'k-1',
        targetType: 'api_key',
        targetId: 'k-2',
        ip: '203.0.113.7',
        at: expect.any(Date),
        details: { name: 'ci' },
      },
    ]);
  });

  it('records the service itself as no actor, with empty details', async () => {
    const { service, events } = await audit();
    await service.record({
      action: 'bootstrap',
      actor: null,
      targetType: 'user',
      targetId: null,
      ip: null,
    });
    expect(events.rows[0]).toMatchObject({ actorUserId: null, actorKeyId: null, details: {} });
  });

  it("writes through a transaction's manager when given one, not its own table", async () => {
    const { service, events } = await audit();
    const inTransaction = table();
    const manager = { getRepository: () => inTransaction } as unknown as EntityManager;
    await service.record(
      { action: 'key.delete', actor: null, targetType: 'api_key', targetId: 'k', ip: null },
      manager,
    );
    expect(inTransaction.rows).toHaveLength(1);
    expect(events.rows).toEqual([]);
  });

  it('gives events of one instance strictly increasing times, even within a millisecond', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T00:00:00Z') });
    const { service, events } = await audit();
    const entry = {
      action: 'x',
      actor: null,
      targetType: 'user' as const,
      targetId: null,
      ip: null,
    };
    await service.record(entry);
    await service.record(entry);
    await service.record(entry);
    expect(events.rows.map((row) => (row.at as Date).toISOString())).toEqual([
      '2026-12-07T00:00:00.000Z',
      '2026-12-07T00:00:00.001Z',
      '2026-12-07T00:00:00.002Z',
    ]);
  });
});
