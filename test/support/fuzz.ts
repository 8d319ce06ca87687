import fc from 'fast-check';

/** Generators of hostile input for the fuzz tests (test/fuzz.e2e-spec.ts). */

/** Strings that have broken other services' parsers, queries and validators. */
export const nastyStrings = [
  "' OR '1'='1",
  "'; DROP TABLE api_keys; --",
  '" OR 1=1 --',
  '1; SELECT SLEEP(5)',
  "admin'--",
  '%',
  '_',
  '!%_\\',
  '\\',
  '\u0000',
  'a\u0000b',
  '{"$gt": ""}',
  '{"__proto__": {"admin": true}}',
  '__proto__',
  'constructor',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2F',
  '%00',
  '%ff%fe',
  '\ud83d\ude00',
  '\ud800',
  '\u202e',
  'e\u0301',
  'ﷺ',
  '\t\n\r',
  ' ',
  '',
  'null',
  'undefined',
  'true',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '0x10',
  'lk_',
  `lk_${'0'.repeat(64)}`,
  `lk_${'G'.repeat(64)}`,
  `LK_${'a'.repeat(64)}`,
];

/** Dates a parser may choke on: out of range, impossible, odd formats. */
export const nastyDates = [
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2099-02-30T00:00:00Z',
  '2099-13-01T00:00:00Z',
  '2099-12-31T24:00:00Z',
  '2099-12-31T23:59:60Z',
  '2099-12-31',
  '2099-12-31T23:59:59+25:00',
  '2099-12-31 23:59:59',
  '2099-W01-1',
  '2099-001',
  '20991231T235959Z',
  'now',
  'tomorrow',
];

/** Addresses and ranges, some invalid. */
export const nastyCidrs = [
  '10.0.0.0/8',
  '10.0.0.0/33',
  '10.0.0.0/-1',
  '10.0.0.0/',
  '/8',
  '256.0.0.1',
  '1.2.3',
  '1.2.3.4.5',
  '01.02.03.04',
  '::1',
  '::ffff:10.0.0.1',
  '::ffff:10.0.0.1/129',
  '2001:db8::/32',
  '2001:db8:::1',
  'fe80::1%eth0',
  '0.0.0.0/0',
  '::/0',
  'localhost',
  '*',
  '10.0.0.1 ',
  '\t10.0.0.1',
  '10.0.0.1,10.0.0.2',
  '1.2.3.4/08',
  '::ffff:010.0.0.1',
  '2001:0db8::0001',
  '::ffff:0:0/96',
];

/** Names that look like others or hide what they are: NFD forms, controls, bidi overrides, zero-width. */
export const nastyNames = [
  'cafe\u0301',
  'caf\u00e9',
  'invoice\u202egpj.exe',
  'zero\u200bwidth',
  'bom\ufeffinside',
  'red\u001b[31m',
  'two\nlines',
  'a\u0000b',
  '\u2066isolate\u2069',
];

/**
 * The caller's token where it does not belong (a path, a field name), as
 * sent and in other cases, for "no response echoes it".
 */
export const tokenShaped = (token: () => string): fc.Arbitrary<string> =>
  fc
    .constantFrom('as-is', 'upper', 'glued')
    .map((form) =>
      form === 'as-is' ? token() : form === 'upper' ? token().toUpperCase() : `x${token()}x`,
    );

/** Objects or arrays nested around and past the 32 levels a body may have, as JSON text. */
const deeplyNested = fc
  .tuple(fc.constantFrom(31, 32, 33, 2_000, 20_000), fc.boolean())
  .map(([depth, objects]) =>
    objects
      ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
      : `${'['.repeat(depth)}"x"${']'.repeat(depth)}`,
  );

/** A body as a form would send it: repeated fields for arrays (which Nest's form parser made arrays). */
const formEncoded = (body: Record<string, unknown>) =>
  Object.entries(body)
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        (item) => `${encode(name)}=${encode(String(item))}`,
      ),
    )
    .join('&');

const huge = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '%', "'"), fc.integer({ min: 129, max: 70_000 }))
  .map(([unit, length]) => unit.repeat(length));

const shortText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...nastyStrings) },
);
/** Short strings of every kind, and now and then a huge one. */
const text = fc.oneof({ weight: 15, arbitrary: shortText }, { weight: 1, arbitrary: huge });

/** Any JSON value, from scalars of the wrong type to nested junk. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308),
    text,
    fc.constantFrom(...nastyDates, ...nastyCidrs),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...nastyStrings)),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** The values of each field() a valid request might send, for bodies that should get through. */
const plausible = new WeakMap<fc.Arbitrary<unknown>, fc.Arbitrary<unknown>>();

/** A field's value: usually one a valid request would send (constants or an arbitrary), often junk. */
export const field = (...valid: unknown[]): fc.Arbitrary<unknown> => {
  if (valid.length === 0) return junk;
  const values =
    valid.length === 1 && valid[0] instanceof fc.Arbitrary
      ? (valid[0] as fc.Arbitrary<unknown>)
      : fc.constantFrom(...valid);
  const arbitrary = fc.oneof({ weight: 4, arbitrary: values }, { weight: 1, arbitrary: junk });
  plausible.set(arbitrary, values);
  return arbitrary;
};

/**
 * A JSON object with the given fields (each one maybe left out) and maybe
 * unknown ones, as text: sometimes with a key twice, a number JSON.parse
 * cannot hold, or not JSON at all.
 */
export function jsonBody(
  fields: Record<string, fc.Arbitrary<unknown>>,
  {
    required = [],
    extraNames = fc.string({ maxLength: 10 }),
  }: { required?: string[]; extraNames?: fc.Arbitrary<string> } = {},
): fc.Arbitrary<string> {
  const object = fc.record(
    Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [
        name,
        fc.option(value, { nil: undefined, freq: 3 }),
      ]),
    ),
  );
  const withExtras = fc
    .tuple(
      object,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), extraNames), junk, {
            maxKeys: 3,
          }),
        },
      ),
    )
    .map(([known, extra]) => {
      const body: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(known))
        if (value !== undefined) body[name] = value;
      return extra ? { ...body, ...extra } : body;
    });
  // Only plausible values, so that requests get past validation to the database
  // with edge cases there: far-off dates, 128-character names, odd addresses.
  const plausibleOnly = fc.record(
    Object.fromEntries(
      Object.entries(fields).flatMap(([name, value]) => {
        const values = plausible.get(value);
        if (!values) return [];
        return [
          [name, required.includes(name) ? values : fc.option(values, { nil: undefined, freq: 3 })],
        ];
      }),
    ),
  );
  const names = Object.keys(fields);
  return fc.oneof(
    { weight: 10, arbitrary: withExtras.map((body) => JSON.stringify(body)) },
    { weight: 6, arbitrary: plausibleOnly.map((body) => JSON.stringify(body)) },
    {
      // Duplicate keys: JSON.parse keeps the last one; a validator must see that one.
      weight: 2,
      arbitrary: fc
        .tuple(withExtras, fc.constantFrom(...(names.length ? names : ['x'])), junk)
        .map(([body, name, first]) => {
          const rest = JSON.stringify(body).slice(1);
          return `{${JSON.stringify(name)}:${JSON.stringify(first) ?? 'null'}${rest === '}' ? '' : ','}${rest}`;
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...(names.length ? names : ['x'])),
          fc.constantFrom('1e999', '-1e999', '1e-999', '-0', '1E400'),
        )
        .map(([name, number]) => `{${JSON.stringify(name)}:${number}}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '"text"',
        '42',
        '{',
        '{"a":',
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{"x":1}}}',
        '\ufeff{}',
        '{}garbage',
        "{'single': 'quotes'}",
        '[{"name":"x"}]',
      ),
    },
    { weight: 1, arbitrary: junk.map((value) => JSON.stringify(value) ?? '') },
    {
      // Found a 500 (issue 15): recursion over a body 2,000 levels deep.
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...(names.length ? names : ['x'])), deeplyNested)
        .map(([name, deep]) => `{${JSON.stringify(name)}:${deep}}`),
    },
    // Found accepted (issue 15): form bodies, whatever the content type says.
    { weight: 1, arbitrary: plausibleOnly.map(formEncoded) },
  );
}

/** Percent-encoding; a lone surrogate (which cannot be encoded) becomes U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));

/** Percent-encoding a URL parser must refuse or survive. */
const brokenEscapes = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%%'];

/** A path segment where an id goes: known ids, other uuids, and junk, URL-encoded. */
export function pathId(known: () => string[]): fc.Arbitrary<string> {
  const encoded = fc
    .oneof(
      { weight: 4, arbitrary: fc.nat().map((i) => known()[i % known().length]) },
      { weight: 2, arbitrary: fc.uuid({ version: [1, 4, 7] }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
        ),
      },
      { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
      { weight: 3, arbitrary: text },
    )
    .map(encode);
  return fc.oneof(
    { weight: 10, arbitrary: encoded },
    { weight: 1, arbitrary: fc.constantFrom(...brokenEscapes) },
  );
}

/** A query string from known parameters (maybe repeated) and unknown ones. */
export function queryString(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const value = (arbitrary: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 3, arbitrary }, { weight: 2, arbitrary: shortText });
  const entries = fc.tuple(
    ...Object.entries(params).map(([name, arbitrary]) =>
      fc.option(
        fc
          .array(value(arbitrary), { minLength: 1, maxLength: 2 })
          .map((values) => values.map((v) => [name, v] as const)),
        {
          nil: [],
        },
      ),
    ),
    fc.array(
      fc.tuple(
        fc.oneof(shortText, fc.constantFrom('a[b]', 'a[]', '__proto__', 'page[0]')),
        shortText,
      ),
      {
        maxLength: 2,
      },
    ),
  );
  const encoded = entries.map((groups) => {
    const pairs = groups.flat() as (readonly [string, string])[];
    if (pairs.length === 0) return '';
    return `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
  });
  return fc.oneof(
    { weight: 10, arbitrary: encoded },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...brokenEscapes).map((raw) => `?a=${raw}&${raw}=1&&=`),
    },
    { weight: 1, arbitrary: huge.map((value) => `?q=${encode(value)}`) },
  );
}

/** A header value fetch can send: visible ASCII and Latin-1, no line breaks. */
const headerText = fc.oneof(
  { weight: 10, arbitrary: fc.stringMatching(/^[\x20-\x7e\xa0-\xff]{0,60}$/) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(...nastyStrings.filter((s) => /^[\x20-\x7e]*$/.test(s))),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);

/** Headers that fetch itself manages or refuses. */
const transportHeaders = new Set([
  'host',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'transfer-encoding',
  'content-length',
  'content-encoding',
]);

/**
 * Headers: the given key where a key belongs (usually), or junk there, plus
 * odd content types, forwarded addresses and random headers.
 */
export function headers(validKey: () => string): fc.Arbitrary<Record<string, string>> {
  const key = fc.oneof(
    { weight: 16, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: headerText },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `lk_${'a'.repeat(64)}`,
        `lk_${'a'.repeat(63)}`,
        'Bearer',
        'Basic YWRtaW46YWRtaW4=',
      ),
    },
  );
  return fc
    .record({
      where: fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom('bearer', 'x-api-key', 'both') },
        // The valid key beside a different one: refused, never half-used.
        { weight: 1, arbitrary: fc.constant('beside-another') },
        { weight: 1, arbitrary: fc.constant('none') },
      ),
      junkKey: key,
      scheme: fc.constantFrom('Bearer ', 'bearer ', 'Bearer  ', 'Token ', ''),
      contentType: fc.oneof(
        { weight: 12, arbitrary: fc.constant('application/json') },
        {
          weight: 7,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'application/json; charset=utf-16',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/jsonp',
            '',
          ),
        },
      ),
      forwardedFor: fc.option(fc.oneof(fc.constantFrom(...nastyCidrs), headerText), { freq: 4 }),
      extra: fc.option(
        fc.dictionary(
          fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).filter((name) => !transportHeaders.has(name)),
          headerText,
          { maxKeys: 3 },
        ),
        { freq: 4 },
      ),
    })
    .map(({ where, junkKey, scheme, contentType, forwardedFor, extra }) => {
      const result: Record<string, string> = { ...(extra ?? {}) };
      const token = junkKey ?? validKey();
      const prefix = junkKey === undefined ? 'Bearer ' : scheme;
      if (where === 'bearer' || where === 'both') result.authorization = `${prefix}${token}`;
      if (where === 'x-api-key' || where === 'both') result['x-api-key'] = token;
      if (where === 'beside-another') {
        result.authorization = `Bearer ${validKey()}`;
        result['x-api-key'] = junkKey ?? `lk_${'a'.repeat(64)}`;
      }
      if (contentType) result['content-type'] = contentType;
      if (forwardedFor !== null) result['x-forwarded-for'] = forwardedFor;
      return result;
    });
}
