import { Role } from '../domain/permission';
import { diffUser, rootChangeRefusal, UserChanges, userChangeEvents } from './user-changes';
import { User, UserStatus } from './user.entity';

const dora = {
  id: 'u',
  name: 'dora',
  email: 'dora@example.com',
  role: Role.Manager,
  status: UserStatus.Active,
} as User;

describe('diffUser', () => {
  it('keeps only the fields that are sent and differ', () => {
    expect(
      diffUser(dora, { name: 'dora', email: null, role: undefined, status: UserStatus.Disabled }),
    ).toEqual({ email: null, status: UserStatus.Disabled });
  });

  it('is empty for a change to nothing', () => {
    expect(diffUser(dora, {})).toEqual({});
    expect(diffUser(dora, { role: Role.Manager })).toEqual({});
  });
});

describe('rootChangeRefusal', () => {
  it.each<[UserChanges, boolean]>([
    [{ role: Role.Viewer }, true],
    [{ status: UserStatus.Disabled }, true],
    [{ name: 'admin' }, true],
    [{ role: Role.Admin }, false],
    [{ status: UserStatus.Active }, false],
    [{ email: 'ops@example.com' }, false],
  ])('%j refused: %s', (changes, refused) => {
    expect(rootChangeRefusal(changes) !== null).toBe(refused);
  });
});

describe('userChangeEvents', () => {
  it.each<[UserChanges, unknown[]]>([
    [{}, []],
    [
      { role: Role.Viewer },
      [{ action: 'user.role_changed', details: { from: 'manager', to: 'viewer' } }],
    ],
    [{ status: UserStatus.Disabled }, [{ action: 'user.disabled', details: {} }]],
    [{ status: UserStatus.Active }, [{ action: 'user.updated', details: { fields: ['status'] } }]],
    [
      { name: 'd', email: null },
      [{ action: 'user.updated', details: { fields: ['name', 'email'] } }],
    ],
    [
      { email: 'x@example.com', role: Role.Client, status: UserStatus.Disabled },
      [
        { action: 'user.role_changed', details: { from: 'manager', to: 'client' } },
        { action: 'user.disabled', details: {} },
        { action: 'user.updated', details: { fields: ['email'] } },
      ],
    ],
  ])('%j → %j', (changes, events) => {
    expect(userChangeEvents(dora, changes)).toEqual(events);
  });
});
