import { extractApiKey } from './extract-api-key';

describe('extractApiKey', () => {
  it.each([
    [{ authorization: 'Bearer lk_abc' }, 'lk_abc'],
    [{ authorization: 'bearer lk_abc' }, 'lk_abc'],
    [{ 'x-api-key': 'lk_abc' }, 'lk_abc'],
    [{ 'x-api-key': '  lk_abc ' }, 'lk_abc'],
    [{ authorization: 'Basic dXNlcjpwdw==' }, undefined],
    [{ authorization: 'Bearer a b' }, undefined],
    [{ authorization: 'Bearer' }, undefined],
    [{ 'x-api-key': '' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(extractApiKey(headers)).toBe(expected);
  });

  it('prefers Authorization when both headers are sent', () => {
    expect(extractApiKey({ authorization: 'Bearer lk_a', 'x-api-key': 'lk_b' })).toBe('lk_a');
  });
});
