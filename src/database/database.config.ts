import { join, resolve } from 'node:path';
import { configNamespace } from '../config/namespace';

/** MySQL/MariaDB when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export const databaseConfig = configNamespace('database', (env) => ({
  url: env.DATABASE_URL,
  sqlitePath: join(resolve(env.DATA_DIR), 'latchkey.sqlite'),
}));
