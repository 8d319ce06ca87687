import { getRepositoryToken } from '@nestjs/typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { scopesConfig } from '../../src/permissions/scopes.config';
import { DatabaseService } from '../../src/database/database.service';
import { ApiKey } from '../../src/keys/api-key.entity';
import { KeyTokensService } from '../../src/keys/key-tokens.service';
import { KeysRepository } from '../../src/keys/keys.repository';
import { PermissionsService } from '../../src/permissions/permissions.service';
import { fakeDatabase, type FakeManager } from './fake-database';

/** The scopes an operator offers in these specs. */
export const CATALOGUE = ['read:assets', 'write:assets'];

/** What the fake KeyTokensService issues every time. */
export const ISSUED = { token: 'lk_new', keyHash: 'new-hash', maskedKey: 'lk_****new' };

/**
 * What the services that write keys (KeysService, KeyCreationService) share
 * in unit specs: the real KeysRepository and permission rules over `manager`,
 * a fixed token, and an audit trail that records what it is given.
 */
export function keyWriteProviders(manager: FakeManager) {
  const audit = { record: jest.fn(() => Promise.resolve()) };
  const providers = [
    KeysRepository,
    PermissionsService,
    { provide: getRepositoryToken(ApiKey), useValue: { create: (fields: object) => fields } },
    { provide: scopesConfig.KEY, useValue: { catalogue: CATALOGUE } },
    { provide: KeyTokensService, useValue: { issue: () => ({ ...ISSUED }) } },
    { provide: DatabaseService, useValue: fakeDatabase(manager) },
    { provide: AuditService, useValue: audit },
  ];
  return { audit, providers };
}
