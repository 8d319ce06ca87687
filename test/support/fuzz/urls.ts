import fc from 'fast-check';
import { encode, huge, shortText, text } from './values';

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
