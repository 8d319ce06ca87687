import fc from 'fast-check';
import { nastyCidrs, nastyDates, nastyStrings } from './nasty';

/** The fuzz generators' building blocks: text of every kind, any JSON value, the caller's token. */

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

export const huge = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '%', "'"), fc.integer({ min: 129, max: 70_000 }))
  .map(([unit, length]) => unit.repeat(length));

export const shortText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...nastyStrings) },
);
/** Short strings of every kind, and now and then a huge one. */
export const text = fc.oneof({ weight: 15, arbitrary: shortText }, { weight: 1, arbitrary: huge });

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

/** Percent-encoding; a lone surrogate (which cannot be encoded) becomes U+FFFD. */
export const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));
