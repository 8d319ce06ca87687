import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Repository } from 'typeorm';
import { DriverStatement } from '../database/driver-statement';
import type { ApiKey } from './api-key.entity';
import { KEY_STATE_FIELDS, type KeyState, OWNER_STATE_FIELDS } from './key-access';

/** Each selected column's name in the result row, with its mapping. */
type ColumnReading = [string, ColumnMetadata];

interface Prepared {
  statement: DriverStatement;
  parameterCount: number;
  keyColumns: ColumnReading[];
  ownerColumns: ColumnReading[];
}

/**
 * The read behind every authentication that the cache cannot answer: a key
 * by its current or previous token hash, with its owner, as far as deciding
 * on it needs (KEY_STATE_FIELDS, OWNER_STATE_FIELDS). The SQL is built
 * by TypeORM once and run on the driver itself (DriverStatement); each call
 * only runs it and turns the row into entities with the driver's own
 * conversions, which costs a fraction of what building the query and
 * hydrating it each time did (BENCHMARKS.md).
 */
export class KeyByHashQuery {
  /** Prepared on first use: the entity metadata exists only once the database is connected. */
  private prepared?: Prepared;

  constructor(private readonly keys: Repository<ApiKey>) {}

  async find(keyHash: string): Promise<KeyState | null> {
    const { statement, parameterCount, keyColumns, ownerColumns } = (this.prepared ??=
      this.prepare());
    const rows = await statement.all(Array.from({ length: parameterCount }, () => keyHash));
    if (rows.length === 0) return null;
    const key = this.hydrate(rows[0], keyColumns) as KeyState;
    key.owner = this.hydrate(rows[0], ownerColumns) as KeyState['owner'];
    return key;
  }

  private prepare(): Prepared {
    const { keys } = this;
    const [sql, parameters] = keys
      .createQueryBuilder('key')
      .innerJoin('key.owner', 'owner')
      .select([
        ...KEY_STATE_FIELDS.map((field) => `key.${field}`),
        ...OWNER_STATE_FIELDS.map((field) => `owner.${field}`),
      ])
      .where('key.keyHash = :keyHash OR key.previousKeyHash = :keyHash', { keyHash: '' })
      .getQueryAndParameters();
    const owner = keys.metadata.findRelationWithPropertyPath('owner')!.inverseEntityMetadata;
    // The query builder names each selected column `<alias>_<column>`.
    const aliased = (alias: string, columns: ColumnMetadata[], fields: readonly string[]) =>
      columns
        .filter((column) => fields.includes(column.propertyName))
        .map((column): ColumnReading => [`${alias}_${column.databaseName}`, column]);
    return {
      statement: new DriverStatement(keys.manager.connection, sql),
      parameterCount: parameters.length,
      keyColumns: aliased('key', keys.metadata.columns, KEY_STATE_FIELDS),
      ownerColumns: aliased('owner', owner.columns, OWNER_STATE_FIELDS),
    };
  }

  private hydrate(row: Record<string, unknown>, columns: ColumnReading[]): object {
    const entity: Record<string, unknown> = {};
    const driver = this.keys.manager.connection.driver;
    for (const [name, column] of columns) {
      if (name in row) entity[column.propertyName] = driver.prepareHydratedValue(row[name], column);
    }
    return entity;
  }
}
