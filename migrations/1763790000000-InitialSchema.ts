import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Written with TypeORM's schema API rather than raw SQL so that one migration
// serves both MySQL/MariaDB and SQLite.
const uuid = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
const json = (name: string): TableColumnOptions => ({ name, type: 'text' });

export class InitialSchema1763790000000 implements MigrationInterface {
  name = 'InitialSchema1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { ...uuid('id'), isPrimary: true },
          text('name', 128),
          text('email', 254, true),
          text('role', 16),
          text('status', 16),
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [
          { name: 'uq_users_name', columnNames: ['name'], isUnique: true },
          { name: 'uq_users_email', columnNames: ['email'], isUnique: true },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { ...uuid('id'), isPrimary: true },
          uuid('owner_id'),
          text('name', 128),
          text('key_hash', 64),
          text('previous_key_hash', 64, true),
          timestamp('previous_key_expires_at', true),
          text('masked_key', 32),
          json('scopes'),
          text('tier', 16),
          text('status', 16),
          timestamp('expires_at', true),
          json('allowed_ips'),
          timestamp('last_used', true),
          text('last_used_ip', 45, true),
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [
          { name: 'uq_api_keys_owner_name', columnNames: ['owner_id', 'name'], isUnique: true },
          { name: 'uq_api_keys_key_hash', columnNames: ['key_hash'], isUnique: true },
          {
            name: 'uq_api_keys_previous_key_hash',
            columnNames: ['previous_key_hash'],
            isUnique: true,
          },
        ],
        foreignKeys: [
          {
            name: 'fk_api_keys_owner',
            columnNames: ['owner_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { ...uuid('id'), isPrimary: true },
          text('action', 64),
          uuid('actor_user_id', true),
          uuid('actor_key_id', true),
          text('target_type', 32),
          uuid('target_id', true),
          text('ip', 45, true),
          timestamp('at'),
          json('details'),
        ],
        indices: [{ name: 'idx_audit_events_at', columnNames: ['at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_events');
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('users');
  }
}
