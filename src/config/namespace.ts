import { type ConfigFactory, type ConfigObject, getConfigToken, registerAs } from '@nestjs/config';
import type { EnvironmentVariables } from './environment';

/**
 * One module's configuration: a function of the validated environment (so a
 * spec calls it with `validateEnvironment({...})`), plus the token its values
 * are injected under, as `registerAs` gives one:
 * `@Inject(keysConfig.KEY) config: ConfigType<typeof keysConfig>`.
 */
export interface ConfigNamespace<T extends ConfigObject = ConfigObject> {
  (env: EnvironmentVariables): T;
  readonly KEY: string;
  /** ConfigModule's `load` entry for one app: this namespace of that app's environment. */
  loadFrom(env: () => EnvironmentVariables): ConfigFactory<T>;
}

/** Declares a namespace beside the module that owns it (`keys.config.ts`…). */
export function configNamespace<T extends ConfigObject>(
  name: string,
  build: (env: EnvironmentVariables) => T,
): ConfigNamespace<T> {
  return Object.assign((env: EnvironmentVariables) => build(env), {
    KEY: getConfigToken(name),
    loadFrom: (env: () => EnvironmentVariables) => registerAs(name, () => build(env())),
  });
}
