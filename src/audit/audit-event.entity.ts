import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableUuidColumn, timestampColumn, uuidColumn } from '../database/columns';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/** One lifecycle event. No foreign keys: the record outlives the key or user it names. */
@Entity('audit_events')
@Index('idx_audit_events_at', ['at'])
export class AuditEvent {
  @PrimaryColumn(uuidColumn())
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column(nullableUuidColumn('actor_user_id'))
  actorUserId!: string | null;

  @Column(nullableUuidColumn('actor_key_id'))
  actorKeyId!: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType!: string;

  @Column(nullableUuidColumn('target_id'))
  targetId!: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column(timestampColumn('at'))
  at!: Date;

  @Column({ type: 'simple-json' })
  details!: AuditDetails;
}
