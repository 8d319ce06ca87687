import { ColumnOptions } from 'typeorm';

/*
 * Column shapes that mean the same on MySQL/MariaDB and SQLite. Timestamps keep
 * milliseconds (MySQL's datetime drops them without precision 3) and are set by
 * the application, not by database defaults, whose syntax differs per driver.
 */
export const uuidColumn = (name?: string) => ({ name, type: 'varchar', length: 36 }) as const;

export const nullableUuidColumn = (name: string): ColumnOptions => ({
  ...uuidColumn(name),
  nullable: true,
});

export const timestampColumn = (name: string, nullable = false): ColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  nullable,
});
