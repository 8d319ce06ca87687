import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// `integer`, not `int`: the type SQLite's schema builder compares an entity's `int` with.
const count = (name: string) => ({ name, type: 'integer', default: 0, isNullable: false });

/** `key_usage`: each key's requests per hour, by outcome (SPEC section 10). */
export class KeyUsage1765100000000 implements MigrationInterface {
  name = 'KeyUsage1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'key_usage',
        columns: [
          { name: 'key_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'hour', type: 'datetime', precision: 3, isPrimary: true },
          count('ok'),
          count('unauthorized'),
          count('forbidden'),
          count('rate_limited'),
        ],
        indices: [{ name: 'idx_key_usage_hour', columnNames: ['hour'] }],
        foreignKeys: [
          {
            name: 'fk_key_usage_key',
            columnNames: ['key_id'],
            referencedTableName: 'api_keys',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('key_usage');
  }
}
