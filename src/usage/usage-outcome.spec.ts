import { outcomeOfRefusal, outcomeOfStatus, outcomeOfVerdict } from './usage-outcome';

describe('usage outcomes', () => {
  it.each([
    [200, 'ok'],
    [201, 'ok'],
    [204, 'ok'],
    [304, 'ok'],
    [400, 'ok'],
    [404, 'ok'],
    [500, 'ok'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [429, 'rate_limited'],
  ])('counts an accepted key answered %i as %s', (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome);
  });

  it.each([
    ['INACTIVE', 'unauthorized'],
    ['EXPIRED', 'unauthorized'],
    ['OWNER_DISABLED', 'unauthorized'],
    ['NOT_FOUND', 'unauthorized'],
    ['IP_NOT_ALLOWED', 'forbidden'],
  ] as const)('counts a key refused as %s as %s', (code, outcome) => {
    expect(outcomeOfRefusal(code)).toBe(outcome);
  });

  it.each([
    ['VALID', 'ok'],
    ['INACTIVE', 'unauthorized'],
    ['EXPIRED', 'unauthorized'],
    ['OWNER_DISABLED', 'unauthorized'],
    ['NOT_FOUND', 'unauthorized'],
    ['IP_NOT_ALLOWED', 'forbidden'],
    ['INSUFFICIENT_SCOPE', 'forbidden'],
    ['RATE_LIMITED', 'rate_limited'],
  ] as const)('counts the verdict %s as %s', (code, outcome) => {
    expect(outcomeOfVerdict(code)).toBe(outcome);
  });
});
