import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { preparePrivateSqliteFile } from './sqlite-file';

// Used by the TypeORM CLI (`npm run migration:run`, `migration:generate`).
const settings = databaseConfig();
if (!settings.url) preparePrivateSqliteFile(settings.sqlitePath);

export default new DataSource(buildDataSourceOptions(settings));
