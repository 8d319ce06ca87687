import { createKey } from './factories/key.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { countKeys } from './support/keys';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** Input shapes an adversarial review found (issue 15), on every database. */
describe('request input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '1000' } });
  });
  afterAll(() => t.close());

  const renameKey = (id: string, name: string) =>
    t.http.patch(`/api/v1/keys/${id}`).set(bearer(t.rootKey)).send({ name });
  const keyCount = () => countKeys(t);

  describe('names', () => {
    const unprintable = [
      ['NUL', 'a\u0000b', 'U+0000'],
      ['ESC', 'red\u001b[31m', 'U+001B'],
      ['a newline', 'two\nlines', 'U+000A'],
      ['U+202E (right-to-left override)', 'invoice\u202egpj.exe', 'U+202E'],
      ['a zero-width space', 'ci\u200bdeploy', 'U+200B'],
      ['a byte-order mark inside', 'ci\ufeffdeploy', 'U+FEFF'],
    ];

    it.each(unprintable)(
      'refuses a key name with %s (400 naming name)',
      async (_what, name, found) => {
        const before = await keyCount();
        const response = await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name });
        expectError(response, 400, 'validation_failed');
        expect(response.body.error.details).toEqual([
          { field: 'name', message: expect.stringContaining(`found ${found}`) },
        ]);
        expect(await keyCount()).toBe(before);
      },
    );

    it.each(unprintable)('refuses renaming a key to a name with %s', async (_what, name) => {
      const created = await createKey(t);
      const response = await renameKey(created.id, name);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'name' })]);
      const { body } = await t.http.get(`/api/v1/keys/${created.id}`).set(bearer(t.rootKey));
      expect(body.data.name).toBe(created.name);
    });

    it.each(unprintable)('refuses a user name or e-mail with %s', async (_what, text) => {
      for (const body of [
        { name: `user${text}`.toLowerCase(), role: 'client' },
        { name: 'printable-user', role: 'client', email: `dora${text}@example.com` },
      ]) {
        const response = await t.http.post('/api/v1/users').set(bearer(t.rootKey)).send(body);
        expectError(response, 400, 'validation_failed');
        expect(response.body.error.details).toEqual([
          expect.objectContaining({ field: 'email' in body ? 'email' : 'name' }),
        ]);
      }
      const { body } = await t.http.get('/api/v1/users').set(bearer(t.rootKey));
      expect(body.data.map((user: { name: string }) => user.name)).not.toContain('printable-user');
    });

    it('stores key names in NFC: the decomposed and composed forms are one name', async () => {
      const decomposed = 'cafe\u0301-key';
      const composed = 'caf\u00e9-key';
      const { body } = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: decomposed })
        .expect(201);
      expect(body.data.name).toBe(composed);
      const [row] = await dataSourceOf(t).query<{ name: string }[]>(
        'SELECT name FROM api_keys WHERE id = ?',
        [body.data.id],
      );
      expect(row.name).toBe(composed);
      expectError(
        await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name: composed }),
        409,
        'conflict',
      );
      const other = await createKey(t);
      expectError(await renameKey(other.id, decomposed), 409, 'conflict');
      const found = await t.http
        .get(`/api/v1/keys?q=${encodeURIComponent('cafe\u0301')}`)
        .set(bearer(t.rootKey))
        .expect(200);
      expect(found.body.data.map((key: { id: string }) => key.id)).toEqual([body.data.id]);
    });

    it('stores e-mail addresses in NFC: the two forms are one address', async () => {
      const { body } = await t.http
        .post('/api/v1/users')
        .set(bearer(t.rootKey))
        .send({ name: 'nfc-user', role: 'client', email: 'jose\u0301@example.com' })
        .expect(201);
      expect(body.data.email).toBe('jos\u00e9@example.com');
      expectError(
        await t.http
          .post('/api/v1/users')
          .set(bearer(t.rootKey))
          .send({ name: 'nfc-user-2', role: 'client', email: 'jos\u00e9@example.com' }),
        409,
        'conflict',
      );
    });
  });

  describe('allowed_ips', () => {
    it.each([
      ['a trailing space', '127.0.0.1 '],
      ['a leading tab', '\t10.0.0.0/8'],
      ['a space in the prefix', '10.0.0.0/ 8'],
      ['a prefix length with a leading zero', '1.2.3.4/08'],
      ['an IPv6 prefix length with a leading zero', '2001:db8::/032'],
      ['an IPv4 part with a leading zero', '010.0.0.1'],
      ['an IPv4-mapped address with a leading zero', '::ffff:010.0.0.1'],
    ])('refuses an entry with %s (400), on create and PATCH', async (_what, entry) => {
      const before = await keyCount();
      const created = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .send({ name: 'fenced', allowed_ips: ['10.0.0.1', entry] });
      expectError(created, 400, 'validation_failed');
      expect(created.body.error.details).toEqual([
        { field: 'allowed_ips', message: expect.stringMatching(/without spaces or leading zeros/) },
      ]);
      expect(await keyCount()).toBe(before);

      const key = await createKey(t, { allowed_ips: ['127.0.0.1'] });
      expectError(
        await t.http
          .patch(`/api/v1/keys/${key.id}`)
          .set(bearer(t.rootKey))
          .send({ allowed_ips: [entry] }),
        400,
        'validation_failed',
      );
      await t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
    });

    it('takes IPv6 groups with leading zeros, stored as sent', async () => {
      const key = await createKey(t, { allowed_ips: ['2001:0db8::0001/128'] });
      const { body } = await t.http.get(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey));
      expect(body.data.allowed_ips).toEqual(['2001:0db8::0001/128']);
      expect(await verdict(key.key, '2001:db8::1')).toBe('VALID');
    });

    const verdict = async (key: string, ip: string) =>
      (
        await t.http
          .post('/api/v1/keys/verify')
          .set(bearer(t.rootKey))
          .send({ key, ip })
          .expect(200)
      ).body.data.code as string;

    it('::/0 admits every IPv6 client and no IPv4 one, mapped or not', async () => {
      const key = await createKey(t, { allowed_ips: ['::/0'] });
      expect(await verdict(key.key, '2001:db8::1')).toBe('VALID');
      expect(await verdict(key.key, '203.0.113.7')).toBe('IP_NOT_ALLOWED');
      expect(await verdict(key.key, '::ffff:203.0.113.7')).toBe('IP_NOT_ALLOWED');
      // This test's client is 127.0.0.1.
      expectError(await t.http.get('/api/v1/me').set(bearer(key.key)), 403, 'ip_not_allowed');
    });

    it('::ffff:0:0/96 admits every IPv4 client, as 0.0.0.0/0 does, and no other IPv6 one', async () => {
      for (const allowed of ['::ffff:0:0/96', '0.0.0.0/0']) {
        const key = await createKey(t, { allowed_ips: [allowed] });
        expect(await verdict(key.key, '203.0.113.7')).toBe('VALID');
        expect(await verdict(key.key, '::ffff:203.0.113.7')).toBe('VALID');
        expect(await verdict(key.key, '2001:db8::1')).toBe('IP_NOT_ALLOWED');
        await t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
      }
    });
  });
});
