import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../domain/principal';
import { AuditDetails, AuditEvent } from './audit-event.entity';
import { pageWindow } from '../common/pagination';
import { ListAuditEventsQueryDto } from './dto/audit-event.dto';

export interface AuditEntry {
  action: string;
  /** The caller, or null for the service itself (bootstrap) and anonymous reports. */
  actor: Principal | null;
  targetType: 'api_key' | 'user';
  targetId: string | null;
  ip: string | null;
  /** Never a token: names, ids, counts and changed fields only. */
  details?: AuditDetails;
}

@Injectable()
export class AuditService {
  /** Events of one instance get strictly increasing times, so "newest first" keeps their order. */
  private lastAt = 0;

  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Newest first. */
  async list(query: ListAuditEventsQueryDto): Promise<{ events: AuditEvent[]; total: number }> {
    const [events, total] = await this.events.findAndCount({
      where: query.action ? { action: query.action } : {},
      order: { at: 'DESC', id: 'DESC' },
      ...pageWindow(query),
    });
    return { events, total };
  }

  /** Records an event; pass the transaction's manager so it commits with the change. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    await repository.insert({
      id: randomUUID(),
      action: entry.action,
      actorUserId: entry.actor?.user.id ?? null,
      actorKeyId: entry.actor?.key.id ?? null,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: entry.ip,
      at: this.nextTimestamp(),
      details: entry.details ?? {},
    });
  }

  private nextTimestamp(): Date {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    return new Date(this.lastAt);
  }
}
