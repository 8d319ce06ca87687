import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from '../database/columns';
import { KeyStatus, KeyTier } from '../domain/key-tier';
import { User } from '../users/user.entity';

@Entity('api_keys')
@Index('uq_api_keys_owner_name', ['ownerId', 'name'], { unique: true })
export class ApiKey {
  @PrimaryColumn(uuidColumn())
  id!: string;

  @Column(uuidColumn('owner_id'))
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_api_keys_owner' })
  owner?: User;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** SHA-256 of the whole token, hex. Never selected unless asked for. */
  @Index('uq_api_keys_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64, select: false })
  keyHash!: string;

  /** The hash a regeneration replaced, still accepted until `previousKeyExpiresAt`. */
  @Index('uq_api_keys_previous_key_hash', { unique: true })
  @Column({ name: 'previous_key_hash', type: 'varchar', length: 64, nullable: true, select: false })
  previousKeyHash!: string | null;

  @Column(timestampColumn('previous_key_expires_at', true))
  previousKeyExpiresAt!: Date | null;

  @Column({ name: 'masked_key', type: 'varchar', length: 32 })
  maskedKey!: string;

  @Column({ type: 'simple-json' })
  scopes!: string[];

  @Column({ type: 'varchar', length: 16 })
  tier!: KeyTier;

  @Column({ type: 'varchar', length: 16 })
  status!: KeyStatus;

  /** When a leak report switched the key off; only regenerating clears it (and the key). */
  @Column(timestampColumn('leaked_at', true))
  leakedAt!: Date | null;
  /**
   * The root user's bootstrap key (SPEC section 3), current or revoked by a
   * rotation: managed only through the key file, never by the API.
   */
  @Column({ name: 'is_root', type: 'boolean', default: false })
  isRoot!: boolean;

  @Column(timestampColumn('expires_at', true))
  expiresAt!: Date | null;

  @Column({ name: 'allowed_ips', type: 'simple-json' })
  allowedIps!: string[];

  @Column(timestampColumn('last_used', true))
  lastUsed!: Date | null;

  @Column({ name: 'last_used_ip', type: 'varchar', length: 45, nullable: true })
  lastUsedIp!: string | null;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
