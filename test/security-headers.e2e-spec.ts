import type { Response } from 'supertest';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

const APP_ORIGIN = 'https://app.example.com';
const OTHER_ORIGIN = 'https://evil.example.net';

/** Headers that act on HTML documents only. */
const DOCUMENT_HEADERS = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

const EXPECTED_HEADERS = {
  /** OWASP's headers for a REST response: stored nowhere, framed by nothing, loading nothing. */
  api: {
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  },
  /** helmet's whole set, on the HTML pages (Swagger UI, the console) and their assets. */
  page: {
    'x-frame-options': 'SAMEORIGIN',
    'cross-origin-opener-policy': 'same-origin',
    'x-dns-prefetch-control': 'off',
  },
};

function expectSecurityHeaders(response: Response, kind: keyof typeof EXPECTED_HEADERS): void {
  expect(response.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
    'cross-origin-resource-policy': 'same-origin',
    ...EXPECTED_HEADERS[kind],
  });
  expect(response.headers['x-powered-by']).toBeUndefined();
  for (const name of DOCUMENT_HEADERS) {
    expect({ [name]: response.headers[name] !== undefined }).toEqual({ [name]: kind === 'page' });
  }
}

function expectNoCors(response: Response): void {
  for (const name of Object.keys(response.headers)) {
    expect(name).not.toMatch(/^access-control-/);
  }
}

describe('security headers (helmet)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets an API response be stored nowhere and load, run and frame nothing', async () => {
    expectSecurityHeaders(await t.http.get('/api/v1/me').set(bearer(t.rootKey)).expect(200), 'api');
    expectSecurityHeaders(await t.http.get('/').expect(200), 'api');
    // The one answer that holds a new token: no cache on the way may keep it.
    const created = await t.http
      .post('/api/v1/keys')
      .set(bearer(t.rootKey))
      .send({ name: 'shown-once' })
      .expect(201);
    expect(created.body.data.key).toMatch(/^lk_/);
    expectSecurityHeaders(created, 'api');
  });

  it('puts them on errors and unknown routes too', async () => {
    const unauthorized = await t.http.get('/api/v1/me');
    expectError(unauthorized, 401, 'unauthorized');
    expectSecurityHeaders(unauthorized, 'api');
    const missing = await t.http.get('/api/v1/no-such-route').set(bearer(t.rootKey));
    expectError(missing, 404, 'not_found');
    expectSecurityHeaders(missing, 'api');
  });

  it('gives Swagger UI a policy that allows its own scripts and styles, and it still loads', async () => {
    const page = await t.http.get('/docs').expect(200).expect('content-type', /html/);
    expectSecurityHeaders(page, 'page');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' https: 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script the page loads is served from /docs/ under the same policy.
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(
      expect.arrayContaining([expect.stringMatching(/swagger-ui-init\.js$/)]),
    );
    for (const script of scripts) {
      const asset = await t.http.get(new URL(script, 'http://x/docs').pathname).expect(200);
      expect(asset.headers['content-security-policy']).toBe(csp);
    }
    expect(page.text).not.toMatch(/<script>/); // no inline script that the policy would block

    const document = await t.http.get('/docs-json').expect(200).expect('content-type', /json/);
    expect(document.body.openapi).toMatch(/^3\./);
    expectSecurityHeaders(document, 'api');
  });
});

describe('CORS', () => {
  describe('without CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('sends no CORS header, to a preflight or a request', async () => {
      const preflight = await t.http
        .options('/api/v1/me')
        .set('Origin', APP_ORIGIN)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
      expectNoCors(preflight);
      const response = await t.http
        .get('/api/v1/me')
        .set('Origin', APP_ORIGIN)
        .set(bearer(t.rootKey))
        .expect(200);
      expectNoCors(response);
    });
  });

  describe('with CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { CORS_ORIGINS: `${APP_ORIGIN}, http://localhost:5173` } });
    });
    afterAll(() => t.close());

    it('answers a preflight from a listed origin, allowing both key headers', async () => {
      const preflight = await t.http
        .options('/api/v1/keys')
        .set('Origin', APP_ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'x-api-key, content-type')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      const allowed = String(preflight.headers['access-control-allow-headers']).toLowerCase();
      expect(allowed.split(/,\s*/)).toEqual(['authorization', 'x-api-key', 'content-type']);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('lets a listed origin read the rate-limit headers of a response', async () => {
      const response = await t.http
        .get('/api/v1/me')
        .set('Origin', 'http://localhost:5173')
        .set(bearer(t.rootKey))
        .expect(200);
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      const exposed = String(response.headers['access-control-expose-headers']).split(/,\s*/);
      expect(exposed).toEqual(
        expect.arrayContaining([
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
          'Retry-After',
        ]),
      );
      expect(response.headers['x-ratelimit-limit']).toBeDefined();
    });

    it('gives an origin not on the list no Access-Control-Allow-Origin', async () => {
      const preflight = await t.http
        .options('/api/v1/me')
        .set('Origin', OTHER_ORIGIN)
        .set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const response = await t.http
        .get('/api/v1/me')
        .set('Origin', OTHER_ORIGIN)
        .set(bearer(t.rootKey))
        .expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
