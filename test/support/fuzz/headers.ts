import fc from 'fast-check';
import { nastyCidrs, nastyStrings } from './nasty';

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
