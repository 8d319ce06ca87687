import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { principalOf } from '../../test/factories/principal.factory';
import { fakeDatabase, fakeManager, uniqueViolation } from '../../test/support/fake-database';
import { AuditService } from '../audit/audit.service';
import { ChangesService } from '../changes/changes.service';
import { DatabaseService } from '../database/database.service';
import { Role } from '../domain/permission';
import { User, UserStatus } from './user.entity';
import { ROOT_USER_NAME, UsersService } from './users.service';

function storedUser(fields: Partial<User> = {}): User {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: 'user-1',
    name: 'alice',
    email: 'alice@example.com',
    role: Role.Manager,
    status: UserStatus.Active,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** UsersService over a fake database whose locked user row is `stored`. */
async function usersService(stored: User | null = storedUser()) {
  const manager = fakeManager(() => stored);
  const audit = { record: jest.fn(() => Promise.resolve()) };
  const changes = { publish: jest.fn(() => Promise.resolve()) };
  const moduleRef = await Test.createTestingModule({
    providers: [
      UsersService,
      { provide: getRepositoryToken(User), useValue: { create: (fields: object) => fields } },
      { provide: DatabaseService, useValue: fakeDatabase(manager) },
      { provide: AuditService, useValue: audit },
      { provide: ChangesService, useValue: changes },
    ],
  }).compile();
  return { service: moduleRef.get(UsersService), manager, audit, changes };
}

describe('UsersService', () => {
  const actor = { principal: principalOf(Role.Admin), ip: '203.0.113.7' };
  const actions = (audit: { record: jest.Mock }) =>
    audit.record.mock.calls.map(([event]: [{ action: string }]) => event.action);

  describe('update', () => {
    it('tells every instance of a role change, so the user’s keys follow at once', async () => {
      const { service, manager, audit, changes } = await usersService();

      const user = await service.update('user-1', { role: Role.Viewer }, actor);

      expect(user.role).toBe(Role.Viewer);
      expect(manager.update).toHaveBeenCalledWith(
        User,
        { id: 'user-1' },
        expect.objectContaining({ role: Role.Viewer }),
      );
      expect(actions(audit)).toEqual(['user.role_changed']);
      expect(changes.publish).toHaveBeenCalledWith({ type: 'user', id: 'user-1' });
    });

    it('records disabling as an event of its own', async () => {
      const { service, audit } = await usersService();

      await service.update('user-1', { status: UserStatus.Disabled, email: 'a@b.example' }, actor);

      expect(actions(audit)).toEqual(['user.disabled', 'user.updated']);
    });

    it('writes and announces nothing when nothing changes', async () => {
      const { service, manager, audit, changes } = await usersService();

      await service.update('user-1', { role: Role.Manager, name: 'alice' }, actor);

      expect(manager.update).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
      expect(changes.publish).not.toHaveBeenCalled();
    });

    it.each([
      ['demoted', { role: Role.Viewer }, /stay an admin/],
      ['disabled', { status: UserStatus.Disabled }, /cannot be disabled/],
      ['renamed', { name: 'someone' }, /cannot be renamed/],
    ])('refuses to let the root user be %s (409)', async (_, dto, message) => {
      const { service, manager, changes } = await usersService(
        storedUser({ name: ROOT_USER_NAME, role: Role.Admin }),
      );

      await expect(service.update('user-1', dto, actor)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(message),
      });
      expect(manager.update).not.toHaveBeenCalled();
      expect(changes.publish).not.toHaveBeenCalled();
    });

    it('answers 404 for a user that does not exist', async () => {
      const { service } = await usersService(null);

      await expect(service.update('nobody', { role: Role.Viewer }, actor)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('names the taken field when the e-mail address belongs to another user', async () => {
      const { service, manager } = await usersService();
      manager.update.mockRejectedValueOnce(
        uniqueViolation('Duplicate entry for key uq_users_email'),
      );

      await expect(
        service.update('user-1', { email: 'taken@example.com' }, actor),
      ).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'email' }] });
    });
  });

  describe('create', () => {
    it('creates an active user unless told otherwise, and records who did it', async () => {
      const { service, manager, audit } = await usersService();

      const user = await service.create({ name: 'bob', role: Role.Client }, actor);

      expect(user).toMatchObject({ name: 'bob', role: Role.Client, status: UserStatus.Active });
      expect(manager.insert).toHaveBeenCalledWith(User, user);
      expect(audit.record).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'user.created', actor: actor.principal, ip: actor.ip }),
        manager,
      );
    });

    it('answers a taken name with 409 naming the field', async () => {
      const { service, manager } = await usersService();
      manager.insert.mockRejectedValueOnce(uniqueViolation('UNIQUE constraint failed: users.name'));

      await expect(
        service.create({ name: 'alice', role: Role.Client }, actor),
      ).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'name' }] });
    });
  });
});
