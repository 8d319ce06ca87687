import { KeyTier } from '../domain/key-tier';
import { counterKey, limitFor, RateLimits } from './rate-limit-subject';

const limits: RateLimits = {
  limits: { [KeyTier.Standard]: 100, [KeyTier.Premium]: 1000, [KeyTier.Enterprise]: 10000 },
  anonymous: 60,
};

describe('limitFor', () => {
  it.each([
    [KeyTier.Standard, 100],
    [KeyTier.Premium, 1000],
    [KeyTier.Enterprise, 10000],
  ])('gives a %s key its tier limit (%d)', (tier, expected) => {
    expect(limitFor({ kind: 'key', id: 'k1', tier }, limits)).toBe(expected);
  });

  it('gives a client address the anonymous limit', () => {
    expect(limitFor({ kind: 'ip', ip: '203.0.113.7' }, limits)).toBe(60);
  });
});

describe('counterKey', () => {
  it('counts a key by its id, whatever its tier, so a tier change keeps the count', () => {
    const standard = counterKey({ kind: 'key', id: 'k1', tier: KeyTier.Standard });
    const premium = counterKey({ kind: 'key', id: 'k1', tier: KeyTier.Premium });
    expect(standard).toBe('key:k1');
    expect(premium).toBe(standard);
  });

  it('counts IPv4 clients by address', () => {
    expect(counterKey({ kind: 'ip', ip: '203.0.113.7' })).toBe('ip:203.0.113.7');
  });

  it('counts IPv6 clients of one /64 together', () => {
    expect(counterKey({ kind: 'ip', ip: '2001:db8:1:2::a' })).toBe(
      counterKey({ kind: 'ip', ip: '2001:db8:1:2:ffff::b' }),
    );
    expect(counterKey({ kind: 'ip', ip: '2001:db8:1:3::a' })).not.toBe(
      counterKey({ kind: 'ip', ip: '2001:db8:1:2::a' }),
    );
  });
});

describe('counterKey for IPv4-mapped IPv6', () => {
  it('counts ::ffff:a.b.c.d as the IPv4 address it is', () => {
    expect(counterKey({ kind: 'ip', ip: '::ffff:203.0.113.7' })).toBe('ip:203.0.113.7');
  });
});
