import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The root key is known by a flag instead of by its name, so that a key an
 * admin names `root` is not taken for it.
 */
export class RootKeyFlag1764900001000 implements MigrationInterface {
  name = 'RootKeyFlag1764900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'api_keys',
      new TableColumn({ name: 'is_root', type: 'boolean', default: 0, isNullable: false }),
    );
    // Earlier versions knew the root key as the key `root` of the user `root`.
    await queryRunner.query(
      'UPDATE api_keys SET is_root = 1 WHERE name = ? AND owner_id IN (SELECT id FROM users WHERE name = ?)',
      ['root', 'root'],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_keys', 'is_root');
  }
}
