import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidColumn } from '../database/columns';
import { ApiKey } from '../keys/api-key.entity';

/**
 * One key's requests in one hour, by outcome (SPEC section 10). Instances
 * add their counts to the row (never overwrite it), so several instances
 * sharing a database sum up. Deleting a key deletes its usage.
 */
@Entity('key_usage')
@Index('idx_key_usage_hour', ['hour'])
export class KeyUsage {
  @PrimaryColumn(uuidColumn('key_id'))
  keyId!: string;

  @ManyToOne(() => ApiKey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'key_id', foreignKeyConstraintName: 'fk_key_usage_key' })
  key?: ApiKey;

  /** The start of the hour, UTC. */
  @PrimaryColumn({ name: 'hour', type: 'datetime', precision: 3 })
  hour!: Date;

  @Column({ type: 'int', default: 0 })
  ok!: number;

  @Column({ type: 'int', default: 0 })
  unauthorized!: number;

  @Column({ type: 'int', default: 0 })
  forbidden!: number;

  @Column({ name: 'rate_limited', type: 'int', default: 0 })
  rateLimited!: number;
}
