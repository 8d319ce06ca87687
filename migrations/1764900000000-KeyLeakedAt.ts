import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** `api_keys.leaked_at`: when a leak report switched the key off (null: never reported). */
export class KeyLeakedAt1764900000000 implements MigrationInterface {
  name = 'KeyLeakedAt1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'api_keys',
      new TableColumn({ name: 'leaked_at', type: 'datetime', precision: 3, isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_keys', 'leaked_at');
  }
}
