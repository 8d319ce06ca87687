import { createConnection } from 'mysql2/promise';

const DEFAULT_URL = 'mariadb://root@127.0.0.1:3306/latchkey_test';
/** How to start a server the default URL reaches (README, Quick start). */
const START_MARIADB =
  'docker run -d -p 3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:11';

/** The MariaDB/MySQL database the e2e suite owns; override with TEST_DATABASE_URL. */
export function mariaDbTestUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_URL;
}

function connectionUrl(url: string, database?: string): string {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  parsed.pathname = database ? `/${database}` : '/';
  return parsed.toString();
}

export function databaseName(url: string): string {
  return new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.slice(1);
}

/** Drops and recreates the test database; fails loudly when the server is not there. */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const connection = await createConnection(connectionUrl(url)).catch((error: Error) => {
    throw new Error(
      `MariaDB/MySQL is required by the e2e:mariadb tests and is not reachable at ${url} ` +
        `(${error.message}). Start one with "${START_MARIADB}", or set TEST_DATABASE_URL to a database the tests may drop and recreate.`,
    );
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  } finally {
    await connection.end();
  }
}

/** Empties every table the app owns, keeping the schema and migrations. */
export async function emptyTables(url: string): Promise<void> {
  const connection = await createConnection(connectionUrl(url, databaseName(url)));
  try {
    const [rows] = await connection.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations'",
    );
    await connection.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of rows as { name: string }[])
      await connection.query(`DELETE FROM \`${name}\``);
    await connection.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await connection.end();
  }
}

/** Every row of every table in the test database, as text: to search it for what must not be stored. */
export async function dumpTables(url: string): Promise<string> {
  const connection = await createConnection(connectionUrl(url, databaseName(url)));
  try {
    const [tables] = await connection.query(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    );
    const dump: Record<string, unknown> = {};
    for (const { name } of tables as { name: string }[]) {
      [dump[name]] = await connection.query(`SELECT * FROM \`${name}\``);
    }
    return JSON.stringify(dump);
  } finally {
    await connection.end();
  }
}
