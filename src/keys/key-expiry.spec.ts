import { ApiError } from '../common/api-error';
import { resolveExpiry } from './key-expiry';

describe('resolveExpiry', () => {
  const now = new Date('2026-01-01T00:00:00.000Z');

  it('reads a date, a number of days, or never', () => {
    expect(resolveExpiry({ expires_at: '2027-01-01T00:00:00Z' }, now)).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(resolveExpiry({ expires_in_days: 2 }, now)).toEqual(new Date('2026-01-03T00:00:00Z'));
    expect(resolveExpiry({ expires_at: null }, now)).toBeNull();
    expect(resolveExpiry({}, now)).toBeNull();
  });

  it.each([{ expires_at: '2027-01-01T00:00:00Z' }, { expires_at: null }])(
    'refuses %j together with expires_in_days',
    (input) => {
      expect(() => resolveExpiry({ ...input, expires_in_days: 5 }, now)).toThrow(ApiError);
    },
  );
});
