import type { OpenAPIObject } from '@nestjs/swagger';
import { completeOpenApiDocument } from './swagger';

describe('completeOpenApiDocument', () => {
  const documentWith = (statuses: number[]): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    servers: [{ url: '/' }],
    paths: {
      '/x': {
        get: { responses: Object.fromEntries(statuses.map((s) => [s, { description: 'd' }])) },
      },
    },
    components: {
      schemas: {
        Model: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            at: { type: 'string', format: 'date-time' },
            name: { type: 'string', maxLength: 12, format: 'uuid' },
          },
        },
      },
    },
  });
  const responsesOf = (document: OpenAPIObject) =>
    document.paths['/x'].get?.responses as Record<
      string,
      { headers?: Record<string, { required?: boolean }> }
    >;

  it('declares the rate-limit headers on the 2xx and 4xx of a limited operation, Retry-After on its 429', () => {
    const responses = responsesOf(completeOpenApiDocument(documentWith([200, 401, 429, 503])));
    const names = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
    for (const status of ['200', '401']) {
      expect(Object.keys(responses[status].headers ?? {})).toEqual(names);
    }
    expect(Object.keys(responses['429'].headers ?? {})).toEqual([...names, 'Retry-After']);
    expect(responses['429'].headers?.['Retry-After'].required).toBe(true);
    expect(responses['200'].headers?.['X-RateLimit-Limit'].required).toBeUndefined();
    expect(responses['503'].headers).toBeUndefined();
  });

  it('leaves an operation that cannot answer 429 (not limited) without them', () => {
    const responses = responsesOf(completeOpenApiDocument(documentWith([200])));

    expect(responses['200'].headers).toBeUndefined();
  });

  it('adds a 500 in the envelope, bounds uuid and date-time strings, and marks the server public', () => {
    const document = completeOpenApiDocument(documentWith([200]));
    const properties = (
      document.components?.schemas?.Model as {
        properties: Record<string, { maxLength?: number }>;
      }
    ).properties;

    expect(responsesOf(document)['500']).toMatchObject({
      content: { 'application/json': { example: { error: { code: 'internal_error' } } } },
    });
    expect(properties.id.maxLength).toBe(36);
    expect(properties.at.maxLength).toBe(40);
    expect(properties.name.maxLength).toBe(12);
    expect(document.servers?.[0]).toMatchObject({ 'x-internal': false });
  });
});
