import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { appConfig } from '../config/app.config';
import { KeyTokensService } from '../keys/key-tokens.service';
import { RootKeyOutcome, RootKeyRegistrar } from './root-key.registrar';
import { UsersService } from '../users/users.service';

/** A start-up problem that retrying cannot fix. */
export class FatalStartupError extends Error {}

/**
 * The bootstrap key (SPEC section 3): the root user's `admin` key, kept in a
 * 0600 file so that an operator can read it and nothing is ever logged.
 */
@Injectable()
export class RootKeyService {
  private readonly logger = new Logger('Bootstrap');
  /** This process wrote the key file (a retry after a failed registration reads it back). */
  private madeKeyFile = false;

  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    private readonly users: UsersService,
    private readonly tokens: KeyTokensService,
    private readonly registrar: RootKeyRegistrar,
  ) {}

  async ensureRootKey(): Promise<void> {
    const root = await this.users.ensureRootUser();
    const path = this.config.apiKeyFile;
    let token = await this.readKeyFile(path);
    if (token === null) {
      token = this.tokens.issue().token;
      // The file first: if registering fails, the next attempt registers it.
      await writeSecretFile(path, token);
      this.madeKeyFile = true;
    }
    this.report(await this.registrar.register(root.id, token, this.madeKeyFile), path);
    this.logger.log(`API key authentication ready (key file: ${path})`);
  }

  /** Says what the start did with the key file; a refused one is left for the operator. */
  private report(outcome: RootKeyOutcome, path: string): void {
    if (outcome.kind === 'current') return;
    if (outcome.kind === 'refused') {
      const whose =
        outcome.reason === 'revoked'
          ? `the root key ${outcome.keyId}, which was revoked or reported leaked`
          : `the key ${outcome.keyId}, which is not the root key`;
      this.logger.warn(
        `The key file ${path} holds the token of ${whose}: it is not registered and gives no access. Delete the file and restart to make a new root key.`,
      );
      return;
    }
    const revoked = outcome.revokedKeyIds.length
      ? `; revoked ${outcome.revokedKeyIds.join(', ')}`
      : '';
    const message = `Root key ${outcome.kind}: ${outcome.reason} (new key ${outcome.keyId}${revoked}).`;
    if (outcome.kind === 'rotated') this.logger.warn(message);
    else this.logger.log(message);
  }

  private async readKeyFile(path: string): Promise<string | null> {
    let contents: string;
    try {
      contents = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new FatalStartupError(`Cannot read the key file ${path}: ${(error as Error).message}`);
    }
    const token = contents.trim();
    if (!this.tokens.isWellFormed(token)) {
      throw new FatalStartupError(
        `The key file ${path} does not hold a valid key; delete it to make a new root key.`,
      );
    }
    await chmod(path, 0o600);
    return token;
  }
}

/** Writes atomically with mode 0600 from the start, whatever the umask; a new directory is 0700. */
async function writeSecretFile(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${contents}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
