import { KeyStatus } from '../domain/key-tier';
import { leakReported, regeneration } from './key-rotation';

describe('key rotation', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const token = { keyHash: 'new-hash', maskedKey: 'lk_****new' };
  const current = { keyHash: 'old-hash', expiresAt: null, leakedAt: null };

  it('drops the old token at once unless a grace period is asked for', () => {
    expect(regeneration(current, {}, token, now)).toMatchObject({
      keyHash: 'new-hash',
      previousKeyHash: null,
      previousKeyExpiresAt: null,
      expiresAt: null,
    });
    expect(regeneration(current, { grace_period_s: 60 }, token, now)).toMatchObject({
      previousKeyHash: 'old-hash',
      previousKeyExpiresAt: new Date('2026-06-01T00:01:00Z'),
    });
  });

  it('needs a new expiry for an expired key', () => {
    const expired = { ...current, expiresAt: new Date('2026-05-01T00:00:00Z') };

    expect(() => regeneration(expired, {}, token, now)).toThrow(/has expired/);
    expect(regeneration(expired, { expires_at: null }, token, now).expiresAt).toBeNull();
  });

  it('gives a leaked token no grace, and switches the key back on with the new one', () => {
    const leaked = { ...current, leakedAt: new Date('2026-05-20T00:00:00Z') };

    expect(() => regeneration(leaked, { grace_period_s: 30 }, token, now)).toThrow(
      /reported leaked/,
    );
    expect(regeneration(leaked, {}, token, now)).toMatchObject({
      status: KeyStatus.Active,
      leakedAt: null,
    });
  });

  it('keeps the first leak report’s time and drops the grace-period token', () => {
    const first = new Date('2026-05-20T00:00:00Z');

    expect(leakReported({ leakedAt: first }, now)).toEqual({
      status: KeyStatus.Inactive,
      leakedAt: first,
      previousKeyHash: null,
      previousKeyExpiresAt: null,
      updatedAt: now,
    });
    expect(leakReported({ leakedAt: null }, now).leakedAt).toBe(now);
  });
});
