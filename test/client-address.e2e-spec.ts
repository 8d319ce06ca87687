import { expectError } from './support/error-envelope';
import { expectRateLimited } from './support/rate-limit';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('the client address behind proxies (TRUST_PROXY)', () => {
  // The tests are the nearest proxy, at 127.0.0.1. A proxy appends the address
  // it saw to X-Forwarded-For; whatever comes before that, the client wrote.
  const fencedKey = async (t: TestApp, allowedIps: string[]) =>
    (
      await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: 'fenced', allowed_ips: allowedIps })
    ).body.data.key as string;

  const meFrom = (t: TestApp, key: string, forwardedFor: string) =>
    t.http.get('/api/v1/me').set(bearer(key)).set('X-Forwarded-For', forwardedFor);

  it.each([
    ['1', 200],
    ['127.0.0.1', 200],
    ['false', 403],
    ['10.0.0.2', 403], // the request did not come from the trusted proxy
  ])(
    'with TRUST_PROXY=%s, a forwarded address from the allowlist gets %i',
    async (trustProxy, status) => {
      const t = await startTestApp({ env: { TRUST_PROXY: trustProxy } });
      try {
        const response = await meFrom(t, await fencedKey(t, ['203.0.113.0/24']), '203.0.113.9');
        expect(response.status).toBe(status);
        if (status === 403) expectError(response, 403, 'ip_not_allowed');
      } finally {
        await t.close();
      }
    },
  );

  // One proxy (127.0.0.1) or two (127.0.0.1 behind 10.0.0.2, which appended
  // the client's address): the client is the nearest address no trusted proxy wrote.
  const chains = [
    { trustProxy: '1', via: '' },
    { trustProxy: '127.0.0.1', via: '' },
    { trustProxy: '2', via: ', 10.0.0.2' },
    { trustProxy: '127.0.0.1, 10.0.0.0/8', via: ', 10.0.0.2' },
  ];

  it.each(chains)(
    'with TRUST_PROXY=$trustProxy, an address the client wrote itself is not its address',
    async ({ trustProxy, via }) => {
      const t = await startTestApp({ env: { TRUST_PROXY: trustProxy } });
      try {
        const key = await fencedKey(t, ['203.0.113.7']);
        expectError(await meFrom(t, key, `203.0.113.7, 198.51.100.9${via}`), 403, 'ip_not_allowed');
        expect((await meFrom(t, key, `198.51.100.9, 203.0.113.7${via}`)).status).toBe(200);
      } finally {
        await t.close();
      }
    },
  );

  it.each(chains)(
    'with TRUST_PROXY=$trustProxy, a client cannot renew its anonymous budget by writing X-Forwarded-For',
    async ({ trustProxy, via }) => {
      const t = await startTestApp({ env: { TRUST_PROXY: trustProxy, RATE_LIMIT_ANONYMOUS: '3' } });
      try {
        const guess = (written: string, client = '198.51.100.9') =>
          t.http
            .get('/api/v1/me')
            .set('X-Api-Key', `lk_${'0'.repeat(64)}`)
            .set('X-Forwarded-For', `${written}, ${client}${via}`);
        for (let i = 1; i <= 3; i++) expectError(await guess(`192.0.2.${i}`), 401, 'unauthorized');
        expectRateLimited(await guess('192.0.2.4'), 3);
        // Another client behind the same proxies has its own budget.
        expectError(await guess('192.0.2.5', '198.51.100.10'), 401, 'unauthorized');
      } finally {
        await t.close();
      }
    },
  );

  // A proxy in front may report an IPv4 client in IPv6's mapped form, and an
  // operator may write either form in the allowlist: they must match each other.
  it.each([
    [['127.0.0.0/8'], '::ffff:127.0.0.9', 200],
    [['::ffff:203.0.113.0/120'], '203.0.113.5', 200],
    [['127.0.0.0/8'], '::ffff:10.0.0.1', 403],
  ])('with allowlist %j, a client at %s gets %i', async (allowedIps, clientIp, status) => {
    const t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      const response = await meFrom(t, await fencedKey(t, allowedIps), clientIp);
      expect(response.status).toBe(status);
      if (status === 403) expectError(response, 403, 'ip_not_allowed');
    } finally {
      await t.close();
    }
  });
});
