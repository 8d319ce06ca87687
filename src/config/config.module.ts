import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { type EnvironmentVariables, validateEnvironment } from './environment';
import type { ConfigNamespace } from './namespace';

/** One app's configuration: its validated environment, and the module serving its namespaces. */
export interface AppConfiguration {
  environment: EnvironmentVariables;
  module: DynamicModule;
}

/**
 * Validates one app's `variables` once, with ConfigModule's `validate` (no
 * .env file), and serves `namespaces` built from the result, globally. Called
 * when the app is created, so that each app (each test app) has its own.
 * Throws a one-line ConfigurationError for a bad variable.
 */
export async function configureApp(
  variables: NodeJS.ProcessEnv,
  namespaces: readonly ConfigNamespace[],
): Promise<AppConfiguration> {
  let environment: EnvironmentVariables | undefined;
  const validated = () => environment!;
  const module = await ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    // `variables`, not process.env: with these two, ConfigModule hands
    // validate an empty object and its ConfigService never reads process.env.
    validatePredefined: false,
    skipProcessEnv: true,
    validate: () => {
      environment = validateEnvironment(variables);
      // ConfigModule copies what validate returns into process.env: nothing,
      // so that one app's DATA_DIR or DATABASE_URL never reaches the next app,
      // nor a child process started with the parent's environment.
      return {};
    },
    load: namespaces.map((namespace) => namespace.loadFrom(validated)),
  });
  return { environment: validated(), module };
}
