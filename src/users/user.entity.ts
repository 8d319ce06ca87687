import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from '../database/columns';
import { Role } from '../domain/permission';

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
}

@Entity('users')
@Index('uq_users_name', ['name'], { unique: true })
@Index('uq_users_email', ['email'], { unique: true })
export class User {
  @PrimaryColumn(uuidColumn())
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'varchar', length: 16 })
  status!: UserStatus;

  @Column(timestampColumn('created_at'))
  createdAt!: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt!: Date;
}
