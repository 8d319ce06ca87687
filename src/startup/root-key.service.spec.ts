import { Test } from '@nestjs/testing';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfig } from '../config/app.config';
import { KeyTokensService } from '../keys/key-tokens.service';
import { RootKeyRegistrar } from './root-key.registrar';
import { UsersService } from '../users/users.service';
import { FatalStartupError, RootKeyService } from './root-key.service';

const NEW_TOKEN = 'lk_fresh_token';

describe('RootKeyService', () => {
  let dir: string;
  let keyFile: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latchkey-root-key-'));
    keyFile = join(dir, 'keys', 'root.key');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** RootKeyService with a fake root user and registrar, and its key file in a fresh folder. */
  async function rootKeyService() {
    const registrar = {
      register: jest.fn(() => Promise.resolve({ kind: 'current', keyId: 'root-key' })),
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        RootKeyService,
        { provide: appConfig.KEY, useValue: { apiKeyFile: keyFile } },
        { provide: UsersService, useValue: { ensureRootUser: () => ({ id: 'root-user' }) } },
        {
          provide: KeyTokensService,
          useValue: {
            issue: () => ({ token: NEW_TOKEN }),
            isWellFormed: (token: string) => token.startsWith('lk_'),
          },
        },
        { provide: RootKeyRegistrar, useValue: registrar },
      ],
    }).compile();
    return { service: moduleRef.get(RootKeyService), registrar };
  }

  it('makes a new key when there is no key file: written 0600 first, then registered', async () => {
    const { service, registrar } = await rootKeyService();

    await service.ensureRootKey();

    expect((await readFile(keyFile, 'utf8')).trim()).toBe(NEW_TOKEN);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
    expect(registrar.register).toHaveBeenCalledWith('root-user', NEW_TOKEN, true);
  });

  it('registers the token of an existing key file and tightens its mode', async () => {
    keyFile = join(dir, 'root.key');
    await writeFile(keyFile, 'lk_from_the_file\n', { mode: 0o644 });
    const { service, registrar } = await rootKeyService();

    await service.ensureRootKey();

    expect(registrar.register).toHaveBeenCalledWith('root-user', 'lk_from_the_file', false);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('stops start-up on a key file that holds no valid key, registering nothing', async () => {
    keyFile = join(dir, 'root.key');
    await writeFile(keyFile, 'not a key\n');
    const { service, registrar } = await rootKeyService();

    await expect(service.ensureRootKey()).rejects.toBeInstanceOf(FatalStartupError);
    expect(registrar.register).not.toHaveBeenCalled();
    expect((await readFile(keyFile, 'utf8')).trim()).toBe('not a key');
  });
});
