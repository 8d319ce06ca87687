import { join, resolve } from 'node:path';
import { configNamespace } from './namespace';

/** Where the service listens and keeps its files, and how it logs. */
export const appConfig = configNamespace('app', (env) => {
  const dataDir = resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    apiKeyFile: env.API_KEY_FILE ? resolve(env.API_KEY_FILE) : join(dataDir, '.api_key'),
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
  };
});
