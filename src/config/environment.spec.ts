import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the defaults of SPEC section 8', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      KEY_PREFIX: 'lk_',
      MAX_KEYS_PER_USER: 30,
      RATE_LIMIT_STANDARD: 100,
      RATE_LIMIT_PREMIUM: 1000,
      RATE_LIMIT_ENTERPRISE: 10000,
      RATE_LIMIT_ANONYMOUS: 60,
      RATE_LIMIT_WINDOW_S: 60,
      LAST_USED_WRITE_INTERVAL_S: 60,
      USAGE_WRITE_INTERVAL_S: 60,
      USAGE_RETENTION_DAYS: 90,
      TRUST_PROXY: 0,
      LOG_LEVEL: 'info',
    });
    expect(env.SCOPES).toHaveLength(12);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CORS_ORIGINS).toBeUndefined();
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.METRICS_HOST).toBe('127.0.0.1');
  });

  it('parses numbers, booleans and lists; empty strings mean unset', () => {
    const env = validateEnvironment({
      PORT: '8080',
      TRUST_PROXY: '2',
      SCOPES: 'read:a, write:a',
      DATABASE_URL: '',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      METRICS_PORT: '9464',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      TRUST_PROXY: 2,
      SCOPES: ['read:a', 'write:a'],
      CORS_ORIGINS: ['https://app.example.com', 'http://localhost:5173'],
      METRICS_PORT: 9464,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['MAX_KEYS_PER_USER', '0'],
    ['DATABASE_URL', 'postgres://db/latchkey'],
    ['REDIS_URL', 'localhost:6379'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '-1'],
    ['TRUST_PROXY', '10.0.0.0/8, proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '0.0.0.0/0'],
    ['TRUST_PROXY', '::/0'],
    ['LOG_LEVEL', 'loud'],
    ['KEY_PREFIX', 'has space'],
    ['SCOPES', 'read:a,not a scope'],
    ['RATE_LIMIT_WINDOW_S', '1.5'],
    ['KEY_CACHE_TTL_S', '-1'],
    ['KEY_CACHE_TTL_S', '3601'],
    ['KEY_CACHE_MAX_ENTRIES', 'many'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'app.example.com'],
    ['CORS_ORIGINS', 'https://app.example.com/'],
    ['METRICS_PORT', 'nine'],
    ['METRICS_PORT', '3000'],
  ])('stops on %s=%s with one line naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(ConfigurationError);
    try {
      validateEnvironment({ [name]: value });
    } catch (error) {
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer number (got "abc")'],
    ['PORT', '70000', 'PORT must not be greater than 65535 (got "70000")'],
    ['KEY_CACHE_TTL_S', 'soon', 'KEY_CACHE_TTL_S must be an integer number (got "soon")'],
  ])('says first what kind of value %s=%s must be', (name, value, expected) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(
      `Invalid configuration: ${expected}`,
    );
  });

  describe('TRUST_PROXY', () => {
    it.each([
      ['false', 0],
      ['0', 0],
      ['1', 1],
      ['2', 2],
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 192.168.1.5 fd00::/8', ['10.0.0.0/8', '192.168.1.5', 'fd00::/8']],
    ])('takes %s as %j (hops, or trusted proxies)', (value, expected) => {
      expect(validateEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
    });

    it.each(['true', 'TRUE', 'yes', 'on'])(
      "refuses %s, which would trust the client's own X-Forwarded-For",
      (value) => {
        expect(() => validateEnvironment({ TRUST_PROXY: value })).toThrow(
          `Invalid configuration: TRUST_PROXY must be the number of proxies in front of the service (e.g. 1) or their addresses/CIDRs; ${value} is refused: it would trust any X-Forwarded-For a client writes (got "${value}")`,
        );
      },
    );
  });
});
