import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { buildDataSourceOptions } from './data-source-options';
import { databaseConfig } from './database.config';
import { preparePrivateSqliteFile } from './sqlite-file';

// Used by the TypeORM CLI (`npm run migration:run`, `migration:generate`).
const settings = databaseConfig(validateEnvironment());
if (!settings.url) preparePrivateSqliteFile(settings.sqlitePath);

export default new DataSource(buildDataSourceOptions(settings));
