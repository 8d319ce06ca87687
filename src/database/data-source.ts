import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';

// Used by the TypeORM CLI (`npm run migration:run`, `migration:generate`).
const settings = databaseConfig();
if (!settings.url) mkdirSync(dirname(settings.sqlitePath), { recursive: true });

export default new DataSource(buildDataSourceOptions(settings));
