import { KeyStatus, KeyTier } from '../domain/key-tier';
import { keyChangeActions, keyChanges, keyEvent, snakeCase } from './key-changes';

describe('key changes', () => {
  it('takes from a PATCH body only the fields it names', () => {
    expect(keyChanges({ name: 'n', allowed_ips: [] })).toEqual({ name: 'n', allowedIps: [] });
    expect(keyChanges({ tier: KeyTier.Premium, scopes: undefined })).toEqual({
      tier: KeyTier.Premium,
    });
  });

  it.each([
    [['status'], KeyStatus.Active, ['key.enabled']],
    [['status'], KeyStatus.Inactive, ['key.disabled']],
    [['status', 'name'], KeyStatus.Inactive, ['key.disabled', 'key.updated']],
    [['allowedIps'], KeyStatus.Active, ['key.updated']],
    [[], KeyStatus.Active, []],
  ])('audits a change of %j (now %s) as %j', (changed, status, actions) => {
    expect(keyChangeActions(changed, status)).toEqual(actions);
  });

  it('records an event on the key, by whom and from where', () => {
    expect(keyEvent('k1', 'key.deleted', { actor: null, ip: '::1' }, { name: 'n' })).toEqual({
      action: 'key.deleted',
      actor: null,
      targetType: 'api_key',
      targetId: 'k1',
      ip: '::1',
      details: { name: 'n' },
    });
    expect(snakeCase('allowedIps')).toBe('allowed_ips');
  });
});
