import { Test } from '@nestjs/testing';
import { appConfig } from './app.config';
import { configureApp } from './config.module';
import { ConfigurationError } from './environment';

describe('configureApp', () => {
  const namespaceOf = async (variables: NodeJS.ProcessEnv) => {
    const { module } = await configureApp(variables, [appConfig]);
    const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
    return moduleRef.get<ReturnType<typeof appConfig>>(appConfig.KEY);
  };

  it('validates the variables it is given, not process.env, and writes none into it', async () => {
    const before = { ...process.env };
    const { environment } = await configureApp({ PORT: '8080', DATA_DIR: '/srv/a' }, [appConfig]);
    expect(environment).toMatchObject({ PORT: 8080, DATA_DIR: '/srv/a', LOG_LEVEL: 'info' });
    expect(process.env).toEqual(before);
  });

  it("serves each app's namespaces from that app's variables", async () => {
    const [a, b] = await Promise.all([
      namespaceOf({ PORT: '8080', DATA_DIR: '/srv/a' }),
      namespaceOf({ DATA_DIR: '/srv/b', API_KEY_FILE: '/run/key' }),
    ]);
    expect(a).toMatchObject({ port: 8080, dataDir: '/srv/a', apiKeyFile: '/srv/a/.api_key' });
    expect(b).toMatchObject({ port: 3000, dataDir: '/srv/b', apiKeyFile: '/run/key' });
  });

  it('rejects a bad variable with the one line that names it', async () => {
    const configuring = configureApp({ PORT: 'eighty' }, [appConfig]);
    await expect(configuring).rejects.toThrow(ConfigurationError);
    await expect(configuring).rejects.toThrow(
      /^Invalid configuration: PORT [^\n]+ \(got "eighty"\)$/,
    );
  });
});
