import fc from 'fast-check';
import { encode, junk } from './values';

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
