import { isIpAllowed, isValidAllowlistEntry } from './ip-allowlist';

describe('isValidAllowlistEntry', () => {
  it.each([
    '10.0.0.1',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '::1',
    '2001:db8::/32',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.0/104',
    '2001:0db8:0000::0001/64',
    '::/0',
    '::ffff:0:0/96',
  ])('accepts %s', (entry) => expect(isValidAllowlistEntry(entry)).toBe(true));
  it.each([
    '',
    'localhost',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0',
    '1.2.3.4/-1',
    '256.1.1.1',
    '10.0.0.1/8/8',
    'fe80::1%eth0/64',
    '127.0.0.1 ',
    ' 127.0.0.1',
    '10.0.0.0/ 8',
    '10.0.0.0/8\t',
    '::1\n',
    '1.2.3.4/08',
    '1.2.3.4/008',
    '2001:db8::/032',
    '01.2.3.4',
    '::ffff:010.0.0.1',
    '::ffff:10.0.0.01/128',
    '1.2.3.4/+8',
  ])('rejects %j', (entry) => expect(isValidAllowlistEntry(entry)).toBe(false));
});

describe('isIpAllowed', () => {
  it('allows any address when the list is empty', () => {
    expect(isIpAllowed([], '203.0.113.9')).toBe(true);
  });

  it.each([
    [['10.0.0.0/8'], '10.20.30.40', true],
    [['10.0.0.0/8'], '11.0.0.1', false],
    [['192.168.1.7'], '192.168.1.7', true],
    [['192.168.1.7'], '192.168.1.8', false],
    [['2001:db8::/32'], '2001:db8:1::5', true],
    [['2001:db8::/32'], '2001:db9::5', false],
    // IPv4-mapped IPv6 clients match IPv4 rules, and mapped rules match IPv4 clients.
    [['127.0.0.0/8'], '::ffff:127.0.0.1', true],
    [['::ffff:127.0.0.1'], '127.0.0.1', true],
    [['::ffff:10.0.0.0/104'], '10.1.2.3', true],
    [['10.0.0.0/8'], '::1', false],
    [['::1'], '127.0.0.1', false],
    [['10.0.0.0/8'], 'not-an-ip', false],
    // `::/0` is every IPv6 client and no IPv4 one, even one seen as ::ffff:a.b.c.d;
    // `::ffff:0:0/96` is every IPv4 client (as 0.0.0.0/0 is) and no other IPv6 one.
    [['::/0'], '2001:db8::1', true],
    [['::/0'], '203.0.113.7', false],
    [['::/0'], '::ffff:203.0.113.7', false],
    [['::ffff:0:0/96'], '203.0.113.7', true],
    [['::ffff:0:0/96'], '::ffff:203.0.113.7', true],
    [['::ffff:0:0/96'], '2001:db8::1', false],
    [['0.0.0.0/0'], '::ffff:203.0.113.7', true],
    [['0.0.0.0/0'], '::1', false],
    // Entries stored before the strict check are read as they always were.
    [['1.2.3.0/024'], '1.2.3.9', true],
    [['127.0.0.1 '], '127.0.0.1', false],
  ])('%j allows %s: %s', (list, ip, allowed) => {
    expect(isIpAllowed(list, ip)).toBe(allowed);
  });
});
