import { loggablePath } from './logging';

describe('loggablePath', () => {
  const hex = 'ab12'.repeat(16);

  it.each([
    ['/api/v1/me?access_token=lk_' + hex, '/api/v1/me'],
    [`/api/v1/keys/lk_${hex}`, '/api/v1/keys/lk_[redacted]'],
    [`/api/v1/keys/lk_${hex.toUpperCase()}/regenerate`, '/api/v1/keys/lk_[redacted]/regenerate'],
    [`/api/v1/users/${hex}`, '/api/v1/users/[redacted]'],
    [
      '/api/v1/keys/0125cc96-c531-4348-a41e-8775f4f6e2a3',
      '/api/v1/keys/0125cc96-c531-4348-a41e-8775f4f6e2a3',
    ],
    ['/api/v1/keys', '/api/v1/keys'],
  ])('logs %s as %s', (url, logged) => {
    expect(loggablePath(url)).toBe(logged);
  });
});
